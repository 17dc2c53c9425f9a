using Hark.Storage.Caching;

namespace Hark.Storage.Tests.Zarr;

public sealed class ChunkCacheTests
{
    private static Func<CancellationToken, Task<ReadOnlyMemory<byte>>> Loader(int size, Action onLoad) => _ =>
    {
        onLoad();
        return Task.FromResult<ReadOnlyMemory<byte>>(new byte[size]);
    };

    [Fact]
    public async Task It_evicts_the_least_recently_used_entries_to_stay_within_its_bytes()
    {
        var cache = new ChunkCache(capacityBytes: 300);
        int loads = 0;
        await cache.GetOrLoadAsync("a", Loader(100, () => loads++), CancellationToken.None);
        await cache.GetOrLoadAsync("b", Loader(100, () => loads++), CancellationToken.None);
        await cache.GetOrLoadAsync("c", Loader(100, () => loads++), CancellationToken.None);
        await cache.GetOrLoadAsync("a", Loader(100, () => loads++), CancellationToken.None); // a is now the most recent
        await cache.GetOrLoadAsync("d", Loader(100, () => loads++), CancellationToken.None); // evicts b
        Assert.Equal(4, loads);
        Assert.Equal(300, cache.SizeBytes);
        await cache.GetOrLoadAsync("a", Loader(100, () => loads++), CancellationToken.None);
        Assert.Equal(4, loads);
        await cache.GetOrLoadAsync("b", Loader(100, () => loads++), CancellationToken.None);
        Assert.Equal(5, loads);
        Assert.True(cache.SizeBytes <= 300);
    }

    [Fact]
    public async Task Concurrent_misses_share_one_load_and_failures_are_not_cached()
    {
        var cache = new ChunkCache(1000);
        int loads = 0;
        var gate = new TaskCompletionSource();
        Func<CancellationToken, Task<ReadOnlyMemory<byte>>> slow = async _ =>
        {
            Interlocked.Increment(ref loads);
            await gate.Task;
            return new byte[10];
        };
        var readers = Enumerable.Range(0, 5).Select(_ => cache.GetOrLoadAsync("k", slow, CancellationToken.None).AsTask()).ToList();
        gate.SetResult();
        await Task.WhenAll(readers);
        Assert.Equal(1, loads);

        await Assert.ThrowsAsync<IOException>(async () => await cache.GetOrLoadAsync("bad", _ => throw new IOException("x"), CancellationToken.None));
        var ok = await cache.GetOrLoadAsync("bad", _ => Task.FromResult<ReadOnlyMemory<byte>>(new byte[3]), CancellationToken.None);
        Assert.Equal(3, ok.Length);
    }

    [Fact]
    public async Task Entries_larger_than_the_cache_are_returned_but_not_kept_and_prefixes_can_be_dropped()
    {
        var cache = new ChunkCache(50);
        await cache.GetOrLoadAsync("huge", Loader(100, () => { }), CancellationToken.None);
        Assert.Equal(0, cache.Count);
        await cache.GetOrLoadAsync("r/a/1", Loader(10, () => { }), CancellationToken.None);
        await cache.GetOrLoadAsync("r/b/1", Loader(10, () => { }), CancellationToken.None);
        cache.RemovePrefix("r/a/");
        Assert.Equal(1, cache.Count);
        Assert.Equal(10, cache.SizeBytes);
    }
}
