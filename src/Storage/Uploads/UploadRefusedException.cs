namespace Hark.Storage.Uploads;

/// <summary>An upload request that cannot be taken as it is: a bad name, size or hash, a part past the end, a
/// completed upload whose bytes do not have the announced SHA-256 (then discarded), an unknown or unfinished upload.</summary>
public sealed class UploadRefusedException(string message) : Exception(message);
