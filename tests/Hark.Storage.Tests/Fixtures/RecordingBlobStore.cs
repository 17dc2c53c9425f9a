using System.Runtime.CompilerServices;

namespace Hark.Storage.Tests.Fixtures;

/// <summary>Passes every call to an inner store and counts them, to prove that something never reached a store.</summary>
public sealed class RecordingBlobStore(IBlobStore inner) : IBlobStore
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _gets = new();
    private int _calls;

    public int Calls => _calls;

    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Key, long Offset, int Length)> _ranges = new();

    /// <summary>The keys read whole (<see cref="GetAsync"/>), in order.</summary>
    public IReadOnlyCollection<string> Gets => _gets;

    /// <summary>The ranges read (<see cref="ReadRangeAsync"/>), in order.</summary>
    public IReadOnlyCollection<(string Key, long Offset, int Length)> Ranges => _ranges;

    public string Description => inner.Description;

    public Task<byte[]> GetAsync(string key, CancellationToken ct)
    {
        _gets.Enqueue(key);
        return Count(() => inner.GetAsync(key, ct));
    }
    public Task<Stream> OpenReadAsync(string key, CancellationToken ct) => Count(() => inner.OpenReadAsync(key, ct));
    public Task<int> ReadRangeAsync(string key, long offset, Memory<byte> destination, CancellationToken ct)
    {
        _ranges.Enqueue((key, offset, destination.Length));
        return Count(() => inner.ReadRangeAsync(key, offset, destination, ct));
    }
    public Task PutAsync(string key, Stream content, CancellationToken ct) => Count(() => inner.PutAsync(key, content, ct));
    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) => Count(() => inner.PutAsync(key, content, ct));
    public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) => Count(() => inner.PutIfAbsentAsync(key, content, ct));
    public Task<VersionedBlob?> GetVersionedAsync(string key, CancellationToken ct) => Count(() => inner.GetVersionedAsync(key, ct));
    public Task<bool> PutIfVersionAsync(string key, ReadOnlyMemory<byte> content, string? expectedVersion, CancellationToken ct) =>
        Count(() => inner.PutIfVersionAsync(key, content, expectedVersion, ct));
    public Task<bool> DeleteIfVersionAsync(string key, string expectedVersion, CancellationToken ct) => Count(() => inner.DeleteIfVersionAsync(key, expectedVersion, ct));
    public Task<bool> ExistsAsync(string key, CancellationToken ct) => Count(() => inner.ExistsAsync(key, ct));
    public Task<long> GetSizeAsync(string key, CancellationToken ct) => Count(() => inner.GetSizeAsync(key, ct));
    public Task DeleteAsync(string key, CancellationToken ct) => Count(() => inner.DeleteAsync(key, ct));

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        await foreach (var key in inner.ListAsync(prefix, ct))
        {
            yield return key;
        }
    }

    public async IAsyncEnumerable<string> ListChildrenAsync(string folder, [EnumeratorCancellation] CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        await foreach (var key in inner.ListChildrenAsync(folder, ct))
        {
            yield return key;
        }
    }

    private T Count<T>(Func<T> call)
    {
        Interlocked.Increment(ref _calls);
        return call();
    }
}
