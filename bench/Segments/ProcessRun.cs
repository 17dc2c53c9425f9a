using System.Diagnostics;

namespace Hark.Bench.Segments;

/// <summary>Wall time, peak resident memory and output of one external process.</summary>
internal sealed record ProcessRun(TimeSpan Wall, long PeakRssBytes, byte[] Output)
{
    /// <summary>Runs the program to completion; peak RSS is VmHWM from /proc, polled while it runs.</summary>
    public static async Task<ProcessRun> RunAsync(string program, IEnumerable<string> arguments, bool trackMemory = false,
        CancellationToken ct = default)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }
        long started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output, ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        long peak = 0;
        var exited = process.WaitForExitAsync(ct);
        if (trackMemory)
        {
            string status = $"/proc/{process.Id}/status";
            while (!exited.IsCompleted)
            {
                peak = Math.Max(peak, ReadHighWaterMark(status));
                await Task.WhenAny(exited, Task.Delay(10, ct));
            }
        }
        await exited;
        var wall = Stopwatch.GetElapsedTime(started);
        await copy;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', info.ArgumentList)} failed ({process.ExitCode}): {await error}");
        }
        return new ProcessRun(wall, peak, output.ToArray());
    }

    /// <summary>VmHWM in bytes, 0 once the process is gone.</summary>
    private static long ReadHighWaterMark(string statusPath)
    {
        try
        {
            foreach (var line in File.ReadLines(statusPath))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }
}
