using Akka.Actor;

namespace Hark.Actors.Import;

/// <summary>
/// An entity's chunk bookkeeping for work pulling: chunks ready to encode wait here until a worker asks; a chunk
/// handed out is leased to that worker until it reports, dies, or the lease runs out, and then goes back to the
/// front of the queue. A chunk reported twice counts once (encoding is idempotent, so the second run is harmless).
/// </summary>
public sealed class ChunkQueue
{
    private readonly SortedSet<int> _waiting = [];
    private readonly Dictionary<int, Lease> _leased = [];
    private readonly Dictionary<int, string> _done = [];
    private readonly Dictionary<int, int> _failures = [];

    public int DoneCount => _done.Count;
    public bool HasWaiting => _waiting.Count > 0;
    public int LeasedCount => _leased.Count;

    /// <summary>The node that encoded each finished chunk.</summary>
    public IReadOnlyDictionary<int, string> Done => _done;

    /// <summary>A chunk can be encoded now (its source and look-ahead are staged).</summary>
    public void MarkReady(int chunk)
    {
        if (!_done.ContainsKey(chunk) && !_leased.ContainsKey(chunk))
        {
            _waiting.Add(chunk);
        }
    }

    /// <summary>Hands the lowest waiting chunk to <paramref name="worker"/> until <paramref name="expires"/>.</summary>
    public bool TryLease(IActorRef worker, DateTime expires, out int chunk)
    {
        if (_waiting.Count == 0)
        {
            chunk = -1;
            return false;
        }
        chunk = _waiting.Min;
        _waiting.Remove(chunk);
        _leased[chunk] = new Lease(worker, expires);
        return true;
    }

    /// <summary>Records a finished chunk; false when it was already done.</summary>
    public bool Complete(int chunk, string node)
    {
        _leased.Remove(chunk);
        _waiting.Remove(chunk);
        return _done.TryAdd(chunk, node);
    }

    /// <summary>
    /// A worker reported the chunk failed: it goes back in the queue for another attempt. Returns how many attempts
    /// have failed so far; 0 when the chunk was done meanwhile (a failed duplicate changes nothing).
    /// </summary>
    public int Fail(int chunk)
    {
        if (_done.ContainsKey(chunk))
        {
            return 0;
        }
        _leased.Remove(chunk);
        _waiting.Add(chunk);
        int failures = _failures.GetValueOrDefault(chunk) + 1;
        _failures[chunk] = failures;
        return failures;
    }

    public bool Holds(IActorRef worker) => _leased.Values.Any(l => l.Worker.Equals(worker));

    /// <summary>Puts every chunk <paramref name="worker"/> held back in the queue (the worker or its node is gone).</summary>
    public IReadOnlyList<int> Release(IActorRef worker) =>
        ReleaseWhere(l => l.Worker.Equals(worker));

    /// <summary>Puts chunks whose lease ran out back in the queue (a worker that hangs or a lost message).</summary>
    public IReadOnlyList<int> Expire(DateTime now) => ReleaseWhere(l => l.Expires <= now);

    private List<int> ReleaseWhere(Func<Lease, bool> predicate)
    {
        var released = _leased.Where(kv => predicate(kv.Value)).Select(kv => kv.Key).ToList();
        foreach (var chunk in released)
        {
            _leased.Remove(chunk);
            _waiting.Add(chunk);
        }
        return released;
    }

    private sealed record Lease(IActorRef Worker, DateTime Expires);
}
