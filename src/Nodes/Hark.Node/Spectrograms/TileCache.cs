namespace Hark.Node.Spectrograms;

/// <summary>
/// The most recently used encoded tiles up to a byte budget, least recently used dropped first. Thread-safe: every
/// request of the node shares one.
/// </summary>
public sealed class TileCache(long budgetBytes)
{
    private readonly object _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, byte[] Png)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, byte[] Png)> _recency = new();
    private long _bytes;

    public long Bytes { get { lock (_lock) { return _bytes; } } }

    public int Count { get { lock (_lock) { return _entries.Count; } } }

    public bool TryGet(string key, out byte[] png)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                png = node.Value.Png;
                return true;
            }
        }
        png = [];
        return false;
    }

    /// <summary>Keeps <paramref name="png"/> (not when it alone is over the budget), dropping the least recently used to fit.</summary>
    public void Add(string key, byte[] png)
    {
        if (png.Length > budgetBytes)
        {
            return;
        }
        lock (_lock)
        {
            if (_entries.Remove(key, out var old))
            {
                _recency.Remove(old);
                _bytes -= old.Value.Png.Length;
            }
            _entries[key] = _recency.AddFirst((key, png));
            _bytes += png.Length;
            while (_bytes > budgetBytes && _recency.Last is { } last)
            {
                _recency.RemoveLast();
                _entries.Remove(last.Value.Key);
                _bytes -= last.Value.Png.Length;
            }
        }
    }
}
