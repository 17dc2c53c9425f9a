namespace Hark.Media.Tools;

/// <summary>Marks an exception thrown by a caller's callback, so it is told apart from pipe errors and rethrown as is.</summary>
internal sealed class CallbackFailure(Exception inner) : Exception(inner.Message, inner);
