using System.Globalization;

namespace Hark.Bench.Segments;

/// <summary>Command line: [--minutes 10] [--reads 1000] [--process-reads 200] [--long [--hours 72]] [--first-read [--hours 72]] [--cold-azurite] [--work DIR] [--keep] [--hark PATH].</summary>
internal sealed record BenchOptions
{
    public int Minutes { get; init; } = 10;
    public int Reads { get; init; } = 1000;
    public int ProcessReads { get; init; } = 200;
    public bool Long { get; init; }
    public bool FirstRead { get; init; }
    public bool ColdOnly { get; init; }
    public double Hours { get; init; } = 72;
    public int Jobs { get; init; } = Environment.ProcessorCount;
    public string? Work { get; init; }
    public bool Keep { get; init; }
    public string? Hark { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--minutes" => options with { Minutes = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--reads" => options with { Reads = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--process-reads" => options with { ProcessReads = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--long" => options with { Long = true },
                "--first-read" => options with { FirstRead = true },
                "--cold-azurite" => options with { FirstRead = true, ColdOnly = true },
                "--hours" => options with { Hours = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--jobs" => options with { Jobs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--work" => options with { Work = Next() },
                "--keep" => options with { Keep = true },
                "--hark" => options with { Hark = Next() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return options;
    }
}
