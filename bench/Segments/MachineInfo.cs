using System.Runtime.InteropServices;

namespace Hark.Bench.Segments;

/// <summary>What the figures were measured on.</summary>
internal static class MachineInfo
{
    /// <summary>The 1-minute load average (from /proc/loadavg), or "?" elsewhere.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>MemTotal from /proc/meminfo (the GC's own figure shrinks under a heap limit).</summary>
    private static long MemTotalBytes()
    {
        try
        {
            string? line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (line is not null)
            {
                return long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    public static string Describe()
    {
        string cpu = "?";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?
                .Split(':', 2)[1].Trim() ?? "?";
        }
        catch (IOException)
        {
        }
        long memory = MemTotalBytes();
        string codec = Hark.Media.Aac.AacDecoder.LibraryVersion is { } version ? $", libavcodec {version}" : "";
        return $"{Environment.ProcessorCount} cores ({cpu}), {memory / 1073741824.0:F1} GiB, {RuntimeInformation.OSDescription}, " +
            $".NET {Environment.Version}{codec}";
    }
}
