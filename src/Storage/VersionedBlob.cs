namespace Hark.Storage;

/// <summary>An object's bytes and the version they were read at (an ETag on Azure, a content hash on disk).</summary>
public sealed record VersionedBlob(byte[] Content, string Version);
