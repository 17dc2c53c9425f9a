using Hark.Storage.Layout;

namespace Hark.Storage;

/// <summary>What the recording group says now: the metadata, the readable generation, and the import holding the id.</summary>
public sealed record RecordingGroupState(RecordingMetadata Metadata, string? Generation, string? ImportToken, string? CommittedToken)
{
    internal static RecordingGroupState From(RecordingGroupDocument document) =>
        new(document.Metadata, document.Generation, document.ImportToken, document.CommittedToken);
}
