using System.Globalization;
using System.Text.Json;
using Hark.Media.Errors;
using Hark.Media.Probe;
using Hark.Media.Tools;

namespace Hark.Media.Passthrough;

/// <summary>
/// What the container says about the ends of a stream, from ffprobe's view of its first or last packets only:
/// how many decoded samples come before the first played one (encoder priming, Opus pre-skip: "skip samples" side
/// data from an MP4 edit list's start, Matroska's CodecDelay, OpusHead; or a negative start time), and how many
/// decoded samples of the last packet are padding (its "discard padding": Ogg's final granule, Matroska's
/// DiscardPadding).
/// </summary>
public static class PacketProbe
{
    public static async Task<long> SkippedSamplesAsync(SourceInfo source, CancellationToken ct) =>
        ParseSkip(await FirstPacketsAsync(source, ct).ConfigureAwait(false), source.SampleRate);

    /// <summary>The first packet's duration in samples, when the container states it.</summary>
    public static async Task<long?> FirstPacketSamplesAsync(SourceInfo source, CancellationToken ct)
    {
        using var document = JsonDocument.Parse(await FirstPacketsAsync(source, ct).ConfigureAwait(false));
        var root = document.RootElement;
        if (!root.TryGetProperty("packets", out var packets) || packets.GetArrayLength() == 0
            || !packets[0].TryGetProperty("duration", out var duration) || !duration.TryGetInt64(out long ticks)
            || TimeBaseOf(root) is not { } tb)
        {
            return null;
        }
        return (long)Math.Round(ticks * (double)tb.Numerator * source.SampleRate / tb.Denominator);
    }

    private static Task<string> FirstPacketsAsync(SourceInfo source, CancellationToken ct) =>
        RunAsync(source, "%+#2", "stream=time_base:packet=pts,duration:packet_side_data=skip_samples", ct);

    private static (long Numerator, long Denominator)? TimeBaseOf(JsonElement root) =>
        root.TryGetProperty("streams", out var streams) && streams.GetArrayLength() > 0
        && streams[0].TryGetProperty("time_base", out var timeBase) ? TimeBase(timeBase.GetString()) : null;

    /// <summary>The last packet's discard padding in samples; 0 when the container says none.</summary>
    public static async Task<long> EndPaddingAsync(SourceInfo source, CancellationToken ct)
    {
        // From a few seconds before the end: ffprobe seeks there and reads on to the last packet.
        double from = Math.Max(0, source.DurationSeconds - 5);
        var json = await RunAsync(source, string.Create(CultureInfo.InvariantCulture, $"{from:0.###}%"), "packet=pts:packet_side_data=discard_padding", ct)
            .ConfigureAwait(false);
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("packets", out var packets) || packets.GetArrayLength() == 0)
        {
            return 0;
        }
        return SideData(packets[packets.GetArrayLength() - 1], "discard_padding") ?? 0;
    }

    /// <summary>A packet's positive side-data value named <paramref name="field"/> (skip_samples, discard_padding).</summary>
    private static long? SideData(JsonElement packet, string field)
    {
        if (packet.TryGetProperty("side_data_list", out var sideData))
        {
            foreach (var item in sideData.EnumerateArray())
            {
                if (item.TryGetProperty(field, out var value) && value.TryGetInt64(out long samples) && samples > 0)
                {
                    return samples;
                }
            }
        }
        return null;
    }

    private static async Task<string> RunAsync(SourceInfo source, string interval, string entries, CancellationToken ct)
    {
        string name = Path.GetFileName(source.Path);
        string[] arguments =
        [
            "-v", "error",
            "-select_streams", string.Create(CultureInfo.InvariantCulture, $"a:{source.AudioStream}"),
            "-read_intervals", interval,
            "-show_entries", entries,
            "-of", "json", FileUrl.For(source.Path),
        ];
        using var process = ChildProcess.Start(MediaTools.Ffprobe, arguments, redirectInput: false);
        var stderr = new StderrTail(process);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(MediaTimeouts.Probe);
        string json;
        try
        {
            json = await process.StandardOutput.ReadToEndAsync(timeout.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await ChildProcess.EndAsync(process).ConfigureAwait(false);
            throw new MediaProcessException($"ffprobe timed out after {MediaTimeouts.Describe(MediaTimeouts.Probe)} reading packets of {name}");
        }
        finally
        {
            await ChildProcess.EndAsync(process).ConfigureAwait(false);
        }
        await stderr.Completion.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new MediaProcessException(ChildProcess.Describe($"ffprobe reading packets of {name}", process.ExitCode, stderr.LastLine), process.ExitCode);
        }
        return json;
    }

    /// <summary>The skip of ffprobe's JSON answer: the first packet's skip_samples, else minus its pts in samples.</summary>
    internal static long ParseSkip(string json, int sampleRate)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("packets", out var packets) || packets.GetArrayLength() == 0)
        {
            return 0;
        }
        var first = packets[0];
        if (SideData(first, "skip_samples") is { } skipped)
        {
            return skipped;
        }
        if (first.TryGetProperty("pts", out var pts) && pts.TryGetInt64(out long start) && start < 0 && TimeBaseOf(root) is { } tb)
        {
            return (long)Math.Round(-start * (double)tb.Numerator * sampleRate / tb.Denominator);
        }
        return 0;
    }

    private static (long Numerator, long Denominator)? TimeBase(string? text)
    {
        var parts = text?.Split('/');
        return parts is { Length: 2 }
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long n)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long d) && n > 0 && d > 0
            ? (n, d) : null;
    }
}
