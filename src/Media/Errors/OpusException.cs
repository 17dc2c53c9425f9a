namespace Hark.Media.Errors;

/// <summary>libopus is missing, refused a setting, or could not encode or decode a packet.</summary>
public sealed class OpusException(string message) : Exception(message);
