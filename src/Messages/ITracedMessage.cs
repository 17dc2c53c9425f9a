namespace Hark.Messages;

/// <summary>
/// A request that carries its caller's W3C trace context (the <c>traceparent</c> header value), so the span the
/// receiving node starts continues the caller's trace. Null when the caller was not being traced.
/// </summary>
public interface ITracedMessage
{
    string? TraceParent { get; }
}
