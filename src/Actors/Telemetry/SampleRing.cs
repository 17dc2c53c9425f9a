namespace Hark.Actors.Telemetry;

/// <summary>
/// The last <see cref="Capacity"/> items, oldest overwritten first: a node's metrics history, bounded whatever its uptime.
/// Not thread-safe: its one owner is an actor.
/// </summary>
public sealed class SampleRing<T>
{
    private readonly T[] _items;
    private int _next;

    public SampleRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
    }

    public int Capacity => _items.Length;

    public int Count { get; private set; }

    public void Add(T item)
    {
        _items[_next] = item;
        _next = (_next + 1) % _items.Length;
        Count = Math.Min(Count + 1, _items.Length);
    }

    /// <summary>Oldest first.</summary>
    public IEnumerable<T> Items()
    {
        int first = (_next - Count + _items.Length) % _items.Length;
        for (int i = 0; i < Count; i++)
        {
            yield return _items[(first + i) % _items.Length];
        }
    }

    /// <summary>
    /// The items that <paramref name="keep"/> accepts, oldest first, thinned evenly to at most <paramref name="max"/>
    /// (the newest always among them) so a long history still fits one answer.
    /// </summary>
    public List<T> Select(Func<T, bool> keep, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var kept = Items().Where(keep).ToList();
        if (kept.Count <= max)
        {
            return kept;
        }
        int step = (kept.Count + max - 1) / max;
        var thinned = new List<T>(max);
        // Counted back from the newest so the latest sample is always in the answer.
        for (int i = kept.Count - 1; i >= 0 && thinned.Count < max; i -= step)
        {
            thinned.Add(kept[i]);
        }
        thinned.Reverse();
        return thinned;
    }
}
