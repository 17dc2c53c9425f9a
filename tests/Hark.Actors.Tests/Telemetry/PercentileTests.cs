using Hark.Actors.Telemetry;

namespace Hark.Actors.Tests.Telemetry;

public sealed class PercentileTests
{
    [Fact]
    public void Nearest_rank_of_one_to_a_hundred_is_the_rank_itself()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).ToList();

        Assert.Equal(50, Percentile.Of(values, 50));
        Assert.Equal(99, Percentile.Of(values, 99));
        Assert.Equal(100, Percentile.Of(values, 100));
        Assert.Equal(1, Percentile.Of(values, 0.5));
    }

    [Fact]
    public void Every_answer_is_a_measured_value()
    {
        double[] values = [1.5, 2.5, 40, 900];

        Assert.Equal(2.5, Percentile.Of(values, 50));
        Assert.Equal(900, Percentile.Of(values, 99));
        Assert.Equal(1.5, Percentile.Of(values, 25));
    }

    [Fact]
    public void No_values_is_zero_and_a_percentile_outside_the_range_is_refused()
    {
        Assert.Equal(0, Percentile.Of([], 99));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.Of([1.0], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.Of([1.0], 100.5));
    }
}
