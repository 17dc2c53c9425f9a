namespace Hark.Storage;

/// <summary>The store holds something that is not a Hark archive this version can read.</summary>
public sealed class ArchiveFormatException(string message) : Exception(message);
