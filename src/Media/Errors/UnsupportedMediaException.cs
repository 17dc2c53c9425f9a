namespace Hark.Media.Errors;

/// <summary>The input cannot be used: missing, not media, no audio stream, or a format Hark cannot carry.</summary>
public sealed class UnsupportedMediaException(string message, Exception? inner = null) : Exception(message, inner);
