using System.Globalization;

namespace Hark.Bench.Segments;

/// <summary>One timed import or encode of the source: wall time, real-time factor, peak RSS, output size.</summary>
internal sealed record ImportRun(string Name, TimeSpan Wall, double AudioSeconds, long PeakRssBytes, long OutputBytes, string Load)
{
    public double RealTimeFactor => AudioSeconds / Wall.TotalSeconds;

    public static async Task<ImportRun> MeasureAsync(string name, double audioSeconds, string program, IEnumerable<string> arguments,
        Func<long> outputBytes)
    {
        Console.Error.WriteLine($"{name}...");
        string load = MachineInfo.LoadAverage();
        var run = await ProcessRun.RunAsync(program, arguments, trackMemory: true);
        return new ImportRun(name, run.Wall, audioSeconds, run.PeakRssBytes, outputBytes(), load);
    }

    public string Row(ImportRun? reference) => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {Wall.TotalSeconds:F1} | {RealTimeFactor:F0}x | {(reference is null ? "" : $"{reference.Wall.TotalSeconds / Wall.TotalSeconds:F2}")} | " +
        $"{PeakRssBytes / 1048576.0:F0} | {OutputBytes / 1048576.0:F1} | {Load} |");
}
