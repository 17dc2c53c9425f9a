using Hark.Storage;

namespace Hark.Engine.Segments;

/// <summary>
/// Open recordings (metadata + frame index) kept in memory, least recently used dropped first once their
/// indexes together exceed the byte budget. Loading the index is the only slow part of a segment read.
/// </summary>
public sealed class RecordingCache(ArchiveStore archive, long budgetBytes = 256L << 20)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private long _bytes;
    private long _hits;
    private long _misses;

    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);
    public long Bytes { get { lock (_lock) { return _bytes; } } }

    public async ValueTask<RecordingReader> GetAsync(string id, CancellationToken ct)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(id, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                Interlocked.Increment(ref _hits);
                return node.Value.Reader;
            }
        }
        Interlocked.Increment(ref _misses);
        var reader = await archive.OpenRecordingAsync(id, ct);
        lock (_lock)
        {
            if (!_entries.ContainsKey(id))
            {
                var entry = new Entry(id, reader, Math.Max(1, reader.Index.MemoryBytes));
                _entries[id] = _recency.AddFirst(entry);
                _bytes += entry.Bytes;
                while (_bytes > budgetBytes && _recency.Count > 1)
                {
                    var last = _recency.Last!;
                    _recency.RemoveLast();
                    _entries.Remove(last.Value.Id);
                    _bytes -= last.Value.Bytes;
                }
            }
        }
        return reader;
    }

    /// <summary>Forgets a recording (deleted or replaced).</summary>
    public void Invalidate(string id)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(id, out var node))
            {
                Remove(node);
            }
        }
    }

    /// <summary>Forgets <paramref name="stale"/>, unless a newer reader of its recording took its place already.</summary>
    public void Invalidate(RecordingReader stale)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(stale.Metadata.Id, out var node) && ReferenceEquals(node.Value.Reader, stale))
            {
                Remove(node);
            }
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _entries.Remove(node.Value.Id);
        _recency.Remove(node);
        _bytes -= node.Value.Bytes;
    }

    private sealed record Entry(string Id, RecordingReader Reader, long Bytes);
}
