using System.Diagnostics;

namespace Hark.Actors.Services;

/// <summary>
/// How long a caller waits for an entity's or a reader's first answer: the normal timeout, cut short once the cluster
/// is recovering (<see cref="ClusterRecovery"/>) and the wait has passed the recovering timeout. The shards a lost
/// member hosted answer nothing until it is downed and they move, so the caller is told to come back (503) rather
/// than held for the whole timeout, also when the member was lost only after the request was sent.
/// </summary>
internal sealed class AnswerDeadline : IDisposable
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _expired;
    private readonly Timer _watch;
    private readonly long _started = Stopwatch.GetTimestamp();
    private string? _recovering;

    public AnswerDeadline(ClusterRecovery cluster, TimeSpan timeout, TimeSpan recovering, CancellationToken caller)
    {
        _expired = CancellationTokenSource.CreateLinkedTokenSource(caller);
        _expired.CancelAfter(timeout);
        _watch = new Timer(_ =>
        {
            if (Waited >= recovering && cluster.Reason is { } reason)
            {
                Volatile.Write(ref _recovering, reason);
                _expired.Cancel();
            }
        }, null, CheckInterval, CheckInterval);
    }

    /// <summary>Cancelled when the caller gives up or the deadline passes.</summary>
    public CancellationToken Token => _expired.Token;

    public TimeSpan Waited => Stopwatch.GetElapsedTime(_started);

    /// <summary>Why no answer came, once the deadline passed: the cluster recovering, or no answer at all.</summary>
    public NodeUnavailableException NoAnswer(string role)
    {
        var recovering = Volatile.Read(ref _recovering);
        return new NodeUnavailableException(recovering is not null
            ? $"cluster recovering ({recovering}): no answer from the {role} nodes within {Waited.TotalSeconds:0} s"
            : $"no answer from the {role} nodes within {Waited.TotalSeconds:0} s");
    }

    public void Dispose()
    {
        _watch.Dispose();
        _expired.Dispose();
    }
}
