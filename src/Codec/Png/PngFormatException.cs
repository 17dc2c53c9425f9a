namespace Hark.Codec.Png;

/// <summary>Bytes that are not the PNG this project writes, or an image PNG cannot hold.</summary>
public sealed class PngFormatException(string message) : FormatException($"PNG: {message}");
