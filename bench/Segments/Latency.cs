using System.Globalization;

namespace Hark.Bench.Segments;

/// <summary>Timings of one kind of read, in milliseconds.</summary>
internal sealed class Latency(string name)
{
    private readonly List<double> _times = [];

    public string Name => name;
    public int Count => _times.Count;
    public double P50 => Percentile(0.50);
    public double P99 => Percentile(0.99);
    public double Mean => _times.Average();

    public void Add(double milliseconds) => _times.Add(milliseconds);

    public double Percentile(double q)
    {
        var sorted = _times.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1))];
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{name}: {Count} reads, p50 {P50:F3} ms, p99 {P99:F3} ms, mean {Mean:F3} ms");
}
