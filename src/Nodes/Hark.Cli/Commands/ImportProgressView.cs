using System.Globalization;
using Hark.Engine.Import;
using Hark.Storage;
using Spectre.Console;

namespace Hark.Cli.Commands;

/// <summary>A progress bar on a terminal; plain lines on stderr otherwise (logs, pipes, CI).</summary>
internal static class ImportProgressView
{
    /// <summary>Staging (one decode) is quick next to encoding; the bar weighs them by their usual cost.</summary>
    private const double StagingWeight = 0.15;

    public static async Task<T> RunAsync<T>(string id, Func<IProgress<ImportProgress>, Task<T>> import)
    {
        if (!Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            T result = default!;
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            await console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(id, maxValue: 100);
                    result = await import(new Progress<ImportProgress>(p =>
                    {
                        task.Value = Fraction(p) * 100;
                        task.Description = $"{id} {RealTime(p)}";
                    }));
                    task.Value = 100;
                });
            return result;
        }
        var last = DateTime.MinValue;
        return await import(new Progress<ImportProgress>(p =>
        {
            if (DateTime.UtcNow - last < TimeSpan.FromSeconds(2))
            {
                return;
            }
            last = DateTime.UtcNow;
            double fraction = Fraction(p);
            var eta = fraction > 0.01 ? TimeSpan.FromSeconds(p.Elapsed.TotalSeconds * (1 - fraction) / fraction) : (TimeSpan?)null;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"import {id}: {fraction * 100:F0}% ({p.ChunksEncoded}/{p.ChunkCount} chunks), {RealTime(p)}{(eta is { } e ? $", ETA {e:hh\\:mm\\:ss}" : "")}"));
        }));
    }

    private static double Fraction(ImportProgress p)
    {
        double staged = p.TotalSamples is > 0 ? Math.Min(1, (double)p.SamplesStaged / p.TotalSamples.Value) : 0;
        double encoded = p.ChunkCount > 0 ? Math.Min(1, (double)p.ChunksEncoded / p.ChunkCount) : 0;
        return StagingWeight * staged + (1 - StagingWeight) * encoded;
    }

    /// <summary>Source seconds processed per wall-clock second.</summary>
    private static string RealTime(ImportProgress p)
    {
        if (p.TotalSamples is not > 0 || p.Elapsed.TotalSeconds < 0.1)
        {
            return "";
        }
        return string.Create(CultureInfo.InvariantCulture, $"{Fraction(p) * p.TotalSamples.Value / p.Elapsed.TotalSeconds / p.SampleRate:F1}x real time");
    }
}
