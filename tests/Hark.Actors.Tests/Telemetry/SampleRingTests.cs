using Hark.Actors.Telemetry;

namespace Hark.Actors.Tests.Telemetry;

public sealed class SampleRingTests
{
    [Fact]
    public void Keeps_the_newest_items_oldest_first_once_full()
    {
        var ring = new SampleRing<int>(4);
        foreach (int i in Enumerable.Range(1, 10))
        {
            ring.Add(i);
        }

        Assert.Equal(4, ring.Count);
        Assert.Equal([7, 8, 9, 10], ring.Items());
    }

    [Fact]
    public void Before_it_is_full_it_holds_what_was_added()
    {
        var ring = new SampleRing<int>(5);
        ring.Add(1);
        ring.Add(2);

        Assert.Equal([1, 2], ring.Items());
    }

    [Fact]
    public void Selection_filters_then_thins_evenly_keeping_the_newest()
    {
        var ring = new SampleRing<int>(1800);
        foreach (int i in Enumerable.Range(0, 1800))
        {
            ring.Add(i);
        }

        var after = ring.Select(i => i > 1000, 450);
        var all = ring.Select(_ => true, 450);

        Assert.Equal(Enumerable.Range(1350, 450), ring.Select(i => i > 1349, 450));
        Assert.True(after.Count <= 450);
        Assert.Equal(1799, after[^1]);
        Assert.All(after, i => Assert.True(i > 1000));
        Assert.Equal(450, all.Count);
        Assert.Equal(1799, all[^1]);
        // Evenly: every step between kept items is the same.
        Assert.Single(all.Zip(all.Skip(1), (a, b) => b - a).Distinct());
    }

    [Fact]
    public void A_ring_holds_at_least_one_item()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SampleRing<int>(0));
    }
}
