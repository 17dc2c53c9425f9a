using System.Globalization;
using System.Text;

namespace Hark.Testing.Load;

/// <summary>What a load run saw, per read length: exact answers and their latencies, wrong bytes, refusals under the
/// limit (503 with Retry-After), and anything else. Thread-safe.</summary>
public sealed class LoadTally
{
    private readonly Dictionary<ReadLength, Counts> _byLength = ReadLength.Mix.ToDictionary(length => length, _ => new Counts());
    private readonly List<string> _otherErrors = [];

    private sealed class Counts
    {
        public int Exact;
        public int Wrong;
        public int Limited;
        public int Other;
        public readonly List<double> Milliseconds = [];
    }

    public int Requests => Sum(c => c.Exact + c.Wrong + c.Limited + c.Other);
    public int Exact => Sum(c => c.Exact);
    public int Wrong => Sum(c => c.Wrong);
    public int Limited => Sum(c => c.Limited);
    public int Other => Sum(c => c.Other);

    /// <summary>The first few unexpected answers, to say what went wrong.</summary>
    public IReadOnlyList<string> OtherErrors { get { lock (_byLength) { return _otherErrors.ToList(); } } }

    public void AddExact(ReadLength length, double milliseconds) => Update(length, c => { c.Exact++; c.Milliseconds.Add(milliseconds); });
    public void AddWrong(ReadLength length) => Update(length, c => c.Wrong++);
    public void AddLimited(ReadLength length) => Update(length, c => c.Limited++);

    public void AddOther(ReadLength length, string what) => Update(length, c =>
    {
        c.Other++;
        if (_otherErrors.Count < 10)
        {
            _otherErrors.Add(what);
        }
    });

    /// <summary>A markdown table: one row per length, latencies of the exact answers (first byte asked to last byte read).</summary>
    public string Table()
    {
        var table = new StringBuilder();
        table.AppendLine("| length | requests | 200 exact | 503 | wrong | other | p50 ms | p95 ms | p99 ms |");
        table.AppendLine("|---|---|---|---|---|---|---|---|---|");
        lock (_byLength)
        {
            foreach (var (length, c) in _byLength)
            {
                var sorted = c.Milliseconds.Order().ToList();
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"| {length.Name} | {c.Exact + c.Wrong + c.Limited + c.Other} | {c.Exact} | {c.Limited} | {c.Wrong} | {c.Other} | {Percentile(sorted, 0.50)} | {Percentile(sorted, 0.95)} | {Percentile(sorted, 0.99)} |");
            }
        }
        return table.ToString();
    }

    /// <summary>Nearest rank; "-" without answers.</summary>
    private static string Percentile(List<double> sorted, double quantile) =>
        sorted.Count == 0 ? "-" : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)].ToString("F1", CultureInfo.InvariantCulture);

    private int Sum(Func<Counts, int> count)
    {
        lock (_byLength)
        {
            return _byLength.Values.Sum(count);
        }
    }

    private void Update(ReadLength length, Action<Counts> change)
    {
        lock (_byLength)
        {
            change(_byLength[length]);
        }
    }
}
