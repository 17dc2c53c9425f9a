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
        long memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return $"{Environment.ProcessorCount} cores ({cpu}), {memory / 1073741824.0:F1} GiB, {RuntimeInformation.OSDescription}, " +
            $".NET {Environment.Version}, libavcodec {Hark.Media.Aac.AacDecoder.LibraryVersion}";
    }
}
