namespace Hark.Codec.Tiff;

/// <summary>Bytes that are not a TIFF this reader understands, or a page TIFF cannot hold.</summary>
public sealed class TiffFormatException(string message) : FormatException($"TIFF: {message}");
