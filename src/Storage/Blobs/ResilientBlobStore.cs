using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Hark.Storage.Blobs;

/// <summary>
/// A remote blob store whose unreachability is one clear error, <see cref="StorageUnavailableException"/>, and,
/// with patience, waited out: a call that fails because the store cannot be reached is tried again with growing
/// pauses until the store answers or the patience runs out. Reads serve callers who would rather hear 503 at once
/// (no patience); imports, which own their work and can wait, get minutes. A refusal (not found, a lost compare
/// and swap) is never retried: only "unreachable" is.
/// </summary>
/// <remarks>
/// A compare-and-swap whose answer was lost after the store applied it is tried again and then reports a lost race;
/// the callers (claims, commits, deletes) read the group again after a lost race, so they see what happened.
/// </remarks>
public sealed class ResilientBlobStore(IBlobStore inner, TimeSpan patience, Action<string>? onOutage = null) : IBlobStore
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    public string Description => inner.Description;

    public TimeSpan Patience => patience;

    /// <summary>The same store with another patience (a node's import steps wait out outages; its reads do not).</summary>
    public ResilientBlobStore WithPatience(TimeSpan longer, Action<string>? report) => new(inner, longer, report);

    public Task<byte[]> GetAsync(string key, CancellationToken ct) => CallAsync(() => inner.GetAsync(key, ct), ct);

    public Task<Stream> OpenReadAsync(string key, CancellationToken ct) => CallAsync(() => inner.OpenReadAsync(key, ct), ct);

    public Task<int> ReadRangeAsync(string key, long offset, Memory<byte> destination, CancellationToken ct) =>
        CallAsync(() => inner.ReadRangeAsync(key, offset, destination, ct), ct);

    public Task PutAsync(string key, Stream content, CancellationToken ct)
    {
        long start = content.CanSeek ? content.Position : -1;
        return CallAsync(async () =>
        {
            if (start >= 0)
            {
                content.Position = start;
            }
            await inner.PutAsync(key, content, ct);
            return true;
        }, ct, retry: start >= 0);
    }

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) =>
        CallAsync(async () =>
        {
            await inner.PutAsync(key, content, ct);
            return true;
        }, ct);

    public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) =>
        CallAsync(() => inner.PutIfAbsentAsync(key, content, ct), ct);

    public Task<VersionedBlob?> GetVersionedAsync(string key, CancellationToken ct) => CallAsync(() => inner.GetVersionedAsync(key, ct), ct);

    public Task<bool> PutIfVersionAsync(string key, ReadOnlyMemory<byte> content, string? expectedVersion, CancellationToken ct) =>
        CallAsync(() => inner.PutIfVersionAsync(key, content, expectedVersion, ct), ct);

    public Task<bool> DeleteIfVersionAsync(string key, string expectedVersion, CancellationToken ct) =>
        CallAsync(() => inner.DeleteIfVersionAsync(key, expectedVersion, ct), ct);

    public Task<bool> ExistsAsync(string key, CancellationToken ct) => CallAsync(() => inner.ExistsAsync(key, ct), ct);

    public Task<long> GetSizeAsync(string key, CancellationToken ct) => CallAsync(() => inner.GetSizeAsync(key, ct), ct);

    public Task DeleteAsync(string key, CancellationToken ct) =>
        CallAsync(async () =>
        {
            await inner.DeleteAsync(key, ct);
            return true;
        }, ct);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken ct) => ListWithPatienceAsync(c => inner.ListAsync(prefix, c), ct);

    public IAsyncEnumerable<string> ListChildrenAsync(string folder, CancellationToken ct) =>
        ListWithPatienceAsync(c => inner.ListChildrenAsync(folder, c), ct);

    private async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken ct, bool retry = true)
    {
        var outage = new Outage(this);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (TransientFailure.Is(e, ct))
            {
                if (!retry || !await outage.WaitAsync(e, ct))
                {
                    throw new StorageUnavailableException(Description, e);
                }
            }
        }
    }

    /// <summary>A listing is tried again only if it failed before its first name (names once given are not repeated).</summary>
    private async IAsyncEnumerable<string> ListWithPatienceAsync(Func<CancellationToken, IAsyncEnumerable<string>> list,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var outage = new Outage(this);
        bool any = false;
        while (true)
        {
            Exception? failure = null;
            await using (var names = list(ct).GetAsyncEnumerator(ct))
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await names.MoveNextAsync();
                    }
                    catch (Exception e) when (TransientFailure.Is(e, ct))
                    {
                        failure = e;
                        break;
                    }
                    if (!more)
                    {
                        yield break;
                    }
                    any = true;
                    yield return names.Current;
                }
            }
            if (any || !await outage.WaitAsync(failure, ct))
            {
                throw new StorageUnavailableException(Description, failure!);
            }
        }
    }

    /// <summary>One call's wait through an outage: growing pauses, reported once, until the patience is spent.</summary>
    private sealed class Outage(ResilientBlobStore store)
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private TimeSpan _pause = FirstPause;
        private bool _reported;

        public async Task<bool> WaitAsync(Exception failure, CancellationToken ct)
        {
            var waited = Stopwatch.GetElapsedTime(_started);
            if (waited + _pause > store.Patience)
            {
                return false;
            }
            if (!_reported)
            {
                _reported = true;
                store.ReportOutage($"{store.Description} cannot be reached ({TransientFailure.Describe(failure)}); retrying for up to {store.Patience.TotalSeconds:0} s");
            }
            await Task.Delay(_pause, ct);
            _pause = TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, _pause.Ticks * 2));
            return true;
        }
    }

    private void ReportOutage(string message) => onOutage?.Invoke(message);
}
