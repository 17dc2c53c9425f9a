namespace Hark.Storage.Caching;

/// <summary>
/// A least-recently-used cache of verified chunks, bounded by their total bytes. A segment read needs a few hundred
/// bytes of a chunk of about a megabyte; caching the verified chunk means the next reads from it cost a copy, not a
/// download and a checksum. Concurrent misses of one key share one load. Entries are plain arrays handed out as
/// read-only memory: eviction only drops the cache's reference, so a reader still copying from one is safe.
/// </summary>
public sealed class ChunkCache
{
    private readonly object _lock = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new(); // most recent first
    private readonly Dictionary<string, Task<ReadOnlyMemory<byte>>> _loading = new(StringComparer.Ordinal);
    private long _size;
    private long _hits;
    private long _misses;

    public ChunkCache(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        CapacityBytes = capacityBytes;
    }

    public long CapacityBytes { get; }

    public long SizeBytes { get { lock (_lock) { return _size; } } }

    public int Count { get { lock (_lock) { return _entries.Count; } } }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>The cached chunk, or the result of <paramref name="load"/> (cached when it fits).</summary>
    public ValueTask<ReadOnlyMemory<byte>> GetOrLoadAsync(string key, Func<CancellationToken, Task<ReadOnlyMemory<byte>>> load, CancellationToken ct)
    {
        Task<ReadOnlyMemory<byte>> loading;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                Interlocked.Increment(ref _hits);
                return new ValueTask<ReadOnlyMemory<byte>>(node.Value.Data);
            }
            Interlocked.Increment(ref _misses);
            if (!_loading.TryGetValue(key, out loading!))
            {
                // The shared load ignores any one caller's cancellation: others may still want the chunk.
                loading = LoadAndAddAsync(key, load, CancellationToken.None);
                if (!loading.IsCompleted)
                {
                    _loading[key] = loading;
                }
            }
        }
        return new ValueTask<ReadOnlyMemory<byte>>(loading.WaitAsync(ct));
    }

    /// <summary>Drops every entry whose key starts with <paramref name="prefix"/> (a deleted or replaced recording).</summary>
    public void RemovePrefix(string prefix)
    {
        lock (_lock)
        {
            foreach (var key in _entries.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                var node = _entries[key];
                _recency.Remove(node);
                _entries.Remove(key);
                _size -= node.Value.Data.Length;
            }
        }
    }

    public void Clear() => RemovePrefix("");

    private async Task<ReadOnlyMemory<byte>> LoadAndAddAsync(string key, Func<CancellationToken, Task<ReadOnlyMemory<byte>>> load, CancellationToken ct)
    {
        try
        {
            var data = await load(ct);
            Add(key, data);
            return data;
        }
        finally
        {
            lock (_lock)
            {
                _loading.Remove(key);
            }
        }
    }

    private void Add(string key, ReadOnlyMemory<byte> data)
    {
        if (data.Length > CapacityBytes)
        {
            return;
        }
        lock (_lock)
        {
            if (_entries.ContainsKey(key))
            {
                return;
            }
            var node = _recency.AddFirst(new Entry(key, data));
            _entries[key] = node;
            _size += data.Length;
            while (_size > CapacityBytes && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _size -= oldest.Value.Data.Length;
            }
        }
    }

    private sealed record Entry(string Key, ReadOnlyMemory<byte> Data);
}
