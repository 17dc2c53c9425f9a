namespace Hark.Fuzzing;

/// <summary>A target's own check failed: the parser returned, but with a result its documentation rules out.</summary>
public sealed class FuzzInvariantException(string message) : Exception(message);
