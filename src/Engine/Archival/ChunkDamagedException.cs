namespace Hark.Engine.Archival;

/// <summary>A chunk whose TIFF or embedded FLAC is not what the manifest says: missing, changed, or undecodable.</summary>
public sealed class ChunkDamagedException(string message) : Exception(message);
