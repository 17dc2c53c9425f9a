namespace Hark.Engine.Archival;

/// <summary>A source, option or archive directory the TIFF archive cannot work with, said in one line.</summary>
public sealed class ArchiveRefusedException(string message) : Exception(message);
