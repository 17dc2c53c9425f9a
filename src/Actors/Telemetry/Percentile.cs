namespace Hark.Actors.Telemetry;

/// <summary>Nearest-rank percentiles of a window's latencies (no interpolation: every answer is a value that was measured).</summary>
public static class Percentile
{
    /// <param name="sorted">Ascending.</param>
    /// <param name="p">In (0, 100].</param>
    /// <returns>The smallest value with at least p % of the values at or below it; 0 for no values.</returns>
    public static double Of(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (p is <= 0 or > 100 || double.IsNaN(p))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "a percentile is in (0, 100]");
        }
        if (sorted.Count == 0)
        {
            return 0;
        }
        int rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
