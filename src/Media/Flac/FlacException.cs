namespace Hark.Media.Flac;

/// <summary>libFLAC missing, refusing a format, or failing to encode.</summary>
public class FlacException(string message) : Exception($"FLAC: {message}");
