using System.Security.Cryptography;
using System.Text;
using Hark.Storage.Tests.Fixtures;

namespace Hark.Storage.Tests.Blobs;

/// <summary>The behaviour every <see cref="IBlobStore"/> must have; run against each store by a subclass.</summary>
public abstract class BlobStoreContract
{
    protected static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A new, empty store.</summary>
    protected abstract IBlobStore NewStore();

    [Fact]
    public async Task Put_then_get_returns_the_same_bytes_and_size()
    {
        var store = NewStore();
        var data = TestData.Bytes(10_000, 1);
        await store.PutAsync("a/b/c.bin", data, None);
        Assert.Equal(data, await store.GetAsync("a/b/c.bin", None));
        Assert.Equal(10_000, await store.GetSizeAsync("a/b/c.bin", None));
        Assert.True(await store.ExistsAsync("a/b/c.bin", None));
        await using var stream = await store.OpenReadAsync("a/b/c.bin", None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public async Task Empty_objects_are_objects()
    {
        var store = NewStore();
        await store.PutAsync("empty", ReadOnlyMemory<byte>.Empty, None);
        Assert.True(await store.ExistsAsync("empty", None));
        Assert.Empty(await store.GetAsync("empty", None));
        Assert.Equal(0, await store.GetSizeAsync("empty", None));
        Assert.Equal(0, await store.ReadRangeAsync("empty", 0, new byte[10], None));
    }

    [Fact]
    public async Task Missing_keys_are_reported_as_not_found()
    {
        var store = NewStore();
        await store.PutAsync("present/x", new byte[] { 1 }, None);
        var e = await Assert.ThrowsAsync<BlobNotFoundException>(() => store.GetAsync("present/missing", None));
        Assert.Equal("present/missing", e.Key);
        Assert.Contains("present/missing", e.Message);
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.GetAsync("nofolder/missing", None));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.OpenReadAsync("missing", None));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.ReadRangeAsync("missing", 0, new byte[4], None));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.GetSizeAsync("missing", None));
        Assert.False(await store.ExistsAsync("missing", None));
        await store.DeleteAsync("missing", None); // idempotent
    }

    [Theory]
    [InlineData(0, 100, 100)]       // start
    [InlineData(450, 50, 50)]       // exactly to the end
    [InlineData(450, 100, 50)]      // runs past the end: short read
    [InlineData(499, 10, 1)]        // last byte
    [InlineData(500, 10, 0)]        // at the end
    [InlineData(10_000, 10, 0)]     // far past the end
    [InlineData(123, 0, 0)]         // empty destination
    [InlineData(1, 498, 498)]       // all but the edges
    public async Task Range_reads_at_the_edges(long offset, int length, int expected)
    {
        var store = NewStore();
        var data = TestData.Bytes(500, 2);
        await store.PutAsync("r", data, None);
        var buffer = new byte[length];
        int read = await store.ReadRangeAsync("r", offset, buffer, None);
        Assert.Equal(expected, read);
        Assert.Equal(data.AsSpan((int)Math.Min(offset, 500), expected).ToArray(), buffer.AsSpan(0, read).ToArray());
    }

    [Fact]
    public async Task Negative_offsets_are_rejected()
    {
        var store = NewStore();
        await store.PutAsync("r", new byte[10], None);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ReadRangeAsync("r", -1, new byte[1], None));
    }

    [Fact]
    public async Task Put_replaces_and_put_if_absent_does_not()
    {
        var store = NewStore();
        Assert.True(await store.PutIfAbsentAsync("k", "first"u8.ToArray(), None));
        Assert.False(await store.PutIfAbsentAsync("k", "second"u8.ToArray(), None));
        Assert.Equal("first", Encoding.UTF8.GetString(await store.GetAsync("k", None)));
        await store.PutAsync("k", "third"u8.ToArray(), None);
        Assert.Equal("third", Encoding.UTF8.GetString(await store.GetAsync("k", None)));
    }

    [Fact]
    public async Task Put_if_absent_of_a_large_object_keeps_the_existing_one()
    {
        var store = NewStore();
        var first = TestData.Bytes(9 * 1024 * 1024 + 3, 11); // larger than one upload request
        var second = TestData.Bytes(9 * 1024 * 1024 + 3, 12);
        Assert.True(await store.PutIfAbsentAsync("large", first, None));
        Assert.False(await store.PutIfAbsentAsync("large", second, None));
        Assert.Equal(TestData.Sha256(first), TestData.Sha256(await store.GetAsync("large", None)));
    }

    [Fact]
    public async Task Concurrent_put_if_absent_has_exactly_one_winner()
    {
        var store = NewStore();
        // Many rounds: a check-then-rename race loses only now and then, so one round would rarely show it.
        for (int round = 0; round < 25; round++)
        {
            var key = $"lock-{round}";
            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                Task.Run(() => store.PutIfAbsentAsync(key, Encoding.UTF8.GetBytes($"writer {i}"), None))));
            Assert.True(results.Count(r => r) == 1, $"round {round}: {results.Count(r => r)} winners");
            int winner = Array.IndexOf(results, true);
            Assert.Equal($"writer {winner}", Encoding.UTF8.GetString(await store.GetAsync(key, None)));
        }
    }

    [Fact]
    public async Task Concurrent_writers_of_one_key_leave_one_whole_object()
    {
        var store = NewStore();
        const int size = 3 * 1024 * 1024 + 17; // several blocks/buffers
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            var content = new byte[size];
            content.AsSpan().Fill((byte)(i + 1));
            if (i % 2 == 0)
            {
                await store.PutAsync("contended", content, None);
            }
            else
            {
                await store.PutAsync("contended", new MemoryStream(content), None);
            }
        })));
        var result = await store.GetAsync("contended", None);
        Assert.Equal(size, result.Length);
        byte first = result[0];
        Assert.InRange(first, (byte)1, (byte)6);
        Assert.True(result.AsSpan().IndexOfAnyExcept(first) < 0, "the object mixes bytes of several writers");
    }

    [Fact]
    public async Task Readers_during_replacement_see_the_old_or_the_new_object()
    {
        var store = NewStore();
        const int size = 256 * 1024;
        var a = new byte[size];
        a.AsSpan().Fill(0xAA);
        var b = new byte[size];
        b.AsSpan().Fill(0xBB);
        await store.PutAsync("flip", a, None);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (int i = 0; i < 30; i++)
            {
                await store.PutAsync("flip", i % 2 == 0 ? b : a, None);
            }
            stop.Cancel();
        });
        int reads = 0;
        while (!stop.IsCancellationRequested || reads == 0)
        {
            var seen = await store.GetAsync("flip", None);
            Assert.Equal(size, seen.Length);
            Assert.True(seen.AsSpan().IndexOfAnyExcept(seen[0]) < 0, "a reader saw a partly written object");
            reads++;
        }
        await writer;
        Assert.True(reads > 0);
    }

    [Fact]
    public async Task Large_objects_stream_in_and_out()
    {
        var store = NewStore();
        const long size = 64L * 1024 * 1024 + 5;
        var source = new GeneratedStream(size, seed: 64);
        await store.PutAsync("big/object", source, None);
        Assert.Equal(size, await store.GetSizeAsync("big/object", None));

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var stream = await store.OpenReadAsync("big/object", None))
        {
            var buffer = new byte[1 << 20];
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        Assert.Equal(source.Sha256, Convert.ToHexStringLower(hash.GetHashAndReset()));

        // A range near the end of the large object matches a fresh generation of the same bytes.
        var tail = new byte[1000];
        Assert.Equal(1000, await store.ReadRangeAsync("big/object", size - 1000, tail, None));
        var regenerated = new GeneratedStream(size, seed: 64);
        var skip = new byte[1 << 20];
        long remaining = size - 1000;
        while (remaining > 0)
        {
            remaining -= regenerated.Read(skip.AsSpan(0, (int)Math.Min(skip.Length, remaining)));
        }
        var expected = new byte[1000];
        regenerated.ReadExactly(expected);
        Assert.Equal(expected, tail);
    }

    [Fact]
    public async Task Listing_many_keys_by_prefix()
    {
        var store = NewStore();
        var keys = new List<string>();
        for (int i = 0; i < 600; i++)
        {
            keys.Add($"rec/a{i % 3}/c/{i}");
        }
        keys.Add("rec/ab");
        keys.Add("rec/zarr.json");
        keys.Add("other/x");
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (key, ct) => await store.PutAsync(key, Encoding.UTF8.GetBytes(key), ct));

        Assert.Equal(keys.Order(StringComparer.Ordinal), await ListAsync(store, ""));
        Assert.Equal(keys.Where(k => k.StartsWith("rec/", StringComparison.Ordinal)).Order(StringComparer.Ordinal), await ListAsync(store, "rec/"));
        Assert.Equal(keys.Where(k => k.StartsWith("rec/a1/", StringComparison.Ordinal)).Order(StringComparer.Ordinal), await ListAsync(store, "rec/a1/"));
        // A partial last segment matches by string prefix, like Azure's listing.
        Assert.Equal(keys.Where(k => k.StartsWith("rec/a", StringComparison.Ordinal)).Order(StringComparer.Ordinal), await ListAsync(store, "rec/a"));
        Assert.Empty(await ListAsync(store, "nothing/"));

        var children = new List<string>();
        await foreach (var child in store.ListChildrenAsync("rec/", None))
        {
            children.Add(child);
        }
        Assert.Equal(["a0/", "a1/", "a2/", "ab", "zarr.json"], children.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Conditional_writes_succeed_only_at_the_version_they_name()
    {
        var store = NewStore();
        Assert.Null(await store.GetVersionedAsync("cas/doc", None));
        Assert.True(await store.PutIfVersionAsync("cas/doc", "one"u8.ToArray(), expectedVersion: null, None));
        Assert.False(await store.PutIfVersionAsync("cas/doc", "again"u8.ToArray(), expectedVersion: null, None)); // exists now
        var first = (await store.GetVersionedAsync("cas/doc", None))!;
        Assert.Equal("one"u8.ToArray(), first.Content);

        Assert.True(await store.PutIfVersionAsync("cas/doc", "two"u8.ToArray(), first.Version, None));
        Assert.False(await store.PutIfVersionAsync("cas/doc", "stale"u8.ToArray(), first.Version, None));
        var second = (await store.GetVersionedAsync("cas/doc", None))!;
        Assert.Equal("two"u8.ToArray(), second.Content);
        Assert.NotEqual(first.Version, second.Version);

        Assert.False(await store.DeleteIfVersionAsync("cas/doc", first.Version, None));
        Assert.True(await store.ExistsAsync("cas/doc", None));
        Assert.True(await store.DeleteIfVersionAsync("cas/doc", second.Version, None));
        Assert.False(await store.ExistsAsync("cas/doc", None));
        Assert.False(await store.DeleteIfVersionAsync("cas/doc", second.Version, None));
        Assert.False(await store.PutIfVersionAsync("cas/doc", "gone"u8.ToArray(), second.Version, None)); // nothing to match
    }

    [Fact]
    public async Task Concurrent_compare_and_swap_loses_no_update()
    {
        // 6 writers each add 1 to a counter 15 times by read, compare and swap: any lost update shows in the total.
        var store = NewStore();
        Assert.True(await store.PutIfVersionAsync("cas/counter", "0"u8.ToArray(), null, None));
        int conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 15; i++)
            {
                while (true)
                {
                    var current = (await store.GetVersionedAsync("cas/counter", None))!;
                    int value = int.Parse(Encoding.ASCII.GetString(current.Content), System.Globalization.CultureInfo.InvariantCulture);
                    if (await store.PutIfVersionAsync("cas/counter", Encoding.ASCII.GetBytes((value + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), current.Version, None))
                    {
                        break;
                    }
                    Interlocked.Increment(ref conflicts);
                }
            }
        })));
        Assert.Equal("90", Encoding.ASCII.GetString(await store.GetAsync("cas/counter", None)));
    }

    [Fact]
    public async Task Delete_removes_the_object_from_reads_and_listings()
    {
        var store = NewStore();
        await store.PutAsync("d/one", new byte[] { 1 }, None);
        await store.PutAsync("d/two", new byte[] { 2 }, None);
        await store.DeleteAsync("d/one", None);
        Assert.False(await store.ExistsAsync("d/one", None));
        Assert.Equal(["d/two"], await ListAsync(store, "d/"));
        await store.DeleteAsync("d/two", None);
        Assert.Empty(await ListAsync(store, ""));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("a/../../escape")]
    [InlineData("/absolute")]
    [InlineData("a//b")]
    [InlineData("a/./b")]
    [InlineData(".hidden")]
    [InlineData("a\\b")]
    [InlineData("trailing/")]
    [InlineData("bell\u0007")]
    public async Task Keys_that_could_escape_or_hide_are_rejected(string key)
    {
        var store = NewStore();
        await Assert.ThrowsAsync<InvalidBlobKeyException>(() => store.PutAsync(key, new byte[] { 1 }, None));
        await Assert.ThrowsAsync<InvalidBlobKeyException>(() => store.GetAsync(key, None));
    }

    protected static Task<List<string>> ListAsync(IBlobStore store, string prefix) => BlobKeys.ListAsync(store, prefix);
}
