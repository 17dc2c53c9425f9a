using Hark.Storage.Layout;

namespace Hark.Storage;

/// <summary>A recording group as read, with the version a compare-and-swap of it must name.</summary>
internal sealed record VersionedGroup(RecordingGroupDocument Document, string Version);
