using Hark.Node.Spectrograms;

namespace Hark.Node.Tests.Browser;

public sealed class TileCacheTests
{
    [Fact]
    public void Past_its_budget_the_least_recently_used_tile_goes_first()
    {
        var cache = new TileCache(budgetBytes: 300);
        cache.Add("a", new byte[100]);
        cache.Add("b", new byte[100]);
        cache.Add("c", new byte[100]);
        Assert.True(cache.TryGet("a", out _)); // a is now the most recent

        cache.Add("d", new byte[100]);

        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("c", out _));
        Assert.True(cache.TryGet("d", out _));
        Assert.Equal(300, cache.Bytes);
    }

    [Fact]
    public void A_replaced_key_counts_once_and_a_tile_over_the_budget_is_not_kept()
    {
        var cache = new TileCache(budgetBytes: 300);
        cache.Add("a", new byte[100]);
        cache.Add("a", new byte[50]);
        cache.Add("huge", new byte[301]);

        Assert.Equal(1, cache.Count);
        Assert.Equal(50, cache.Bytes);
        Assert.True(cache.TryGet("a", out var png));
        Assert.Equal(50, png.Length);
        Assert.False(cache.TryGet("huge", out _));
    }
}
