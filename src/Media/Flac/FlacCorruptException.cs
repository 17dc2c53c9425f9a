namespace Hark.Media.Flac;

/// <summary>A FLAC stream that does not decode cleanly: lost sync, a bad frame CRC, or samples whose MD5 is not STREAMINFO's.</summary>
public sealed class FlacCorruptException(string message) : FlacException(message);
