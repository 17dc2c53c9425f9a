using System.Net.Sockets;
using Azure;

namespace Hark.Storage;

/// <summary>Which failures of a blob store call mean "the store is unreachable now", as opposed to a refusal.</summary>
internal static class TransientFailure
{
    public static bool Is(Exception e, CancellationToken ct) => e switch
    {
        // The client's own network timeout, not the caller giving up.
        OperationCanceledException => !ct.IsCancellationRequested,
        // The SDK's retries ran out: unreachable only if every attempt was.
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(inner => Is(inner, ct)),
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        HttpRequestException or SocketException or TimeoutException => true,
        IOException { InnerException: SocketException } => true,
        _ => false,
    };

    /// <summary>One line: the innermost message, which names the cause ("Connection refused (127.0.0.1:10000)").</summary>
    public static string Describe(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: > 0 } all)
        {
            e = all.InnerExceptions[^1];
        }
        var innermost = e;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }
        var line = (innermost is SocketException or HttpRequestException ? innermost.Message : e.Message).ReplaceLineEndings(" ").Trim();
        return line.Length <= 200 ? line : line[..200];
    }
}
