using System.Text.Json;
using FFMpegCore;
using FFMpegCore.Exceptions;
using Hark.Media.Errors;
using Hark.Media.Tools;
using Instances.Exceptions;

namespace Hark.Media.Probe;

/// <summary>
/// Runs ffprobe through FFMpegCore's <see cref="FFProbe.AnalyseAsync(Uri, FFOptions?, string?, CancellationToken)"/>
/// within a fixed bound, and turns its failures into Hark's one-line errors.
/// </summary>
/// <remarks>
/// FFMpegCore 6 starts ffprobe itself (through Instances) and offers no way to set the child's environment, so
/// ffprobe inherits this process's. <c>hark serve</c> removes the secrets from its own environment once started
/// (<see cref="ChildEnvironment.ForgetInThisProcess"/>); a program that embeds the node or the engine and keeps them
/// in its environment passes them on to ffprobe.
/// </remarks>
internal static class FfprobeAnalysis
{
    /// <summary>
    /// FFMpegCore asks for sexagesimal times and parses them to whole milliseconds; Hark keeps ffprobe's
    /// microseconds, so plain seconds are asked back (ffprobe's "no" prefix turns a boolean option off again).
    /// </summary>
    private const string PlainSeconds = "-nosexagesimal";

    private const int MaxLineLength = 1000;

    /// <summary>Probes a local file (a full path) within <see cref="MediaTimeouts.Probe"/>.</summary>
    public static Task<IMediaAnalysis> OfFileAsync(string fullPath, string name, CancellationToken ct)
    {
        // The Uri overload: FFMpegCore's path overload tests File.Exists on the escaped text, and a file Uri made
        // from an absolute path hands that path back unchanged. An absolute path starts with '/', so ffprobe can
        // never take it for an option or a protocol ("concat:", "http:").
        Uri input;
        try
        {
            input = new Uri(QuotedArgument.EscapeInside(fullPath), UriKind.Absolute);
        }
        catch (UriFormatException e)
        {
            throw new UnsupportedMediaException($"{name}: its path cannot be handed to ffprobe ({e.Message})");
        }
        return RunAsync(input, name, MediaTimeouts.Probe, ct);
    }

    /// <summary>Probes any input ffprobe reads, within <paramref name="bound"/>; tests use it with a shorter bound.</summary>
    internal static async Task<IMediaAnalysis> RunAsync(Uri input, string name, TimeSpan bound, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(bound);
        try
        {
            // Task.Run: before its first await FFMpegCore checks the binary once with a synchronous "ffprobe -version".
            return await Task.Run(() => FFProbe.AnalyseAsync(input, FfprobeOptions.Current, PlainSeconds, timeout.Token), CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // FFMpegCore (through Instances) killed ffprobe when the token fired.
            throw new MediaProcessException($"ffprobe timed out after {MediaTimeouts.Describe(bound)} on {name}");
        }
        catch (FFProbeProcessException e)
        {
            throw new UnsupportedMediaException($"{name}: unreadable ({LastLine(e.StandardError) ?? $"ffprobe exit {e.ExitCode}"})");
        }
        catch (FormatNullException)
        {
            throw new UnsupportedMediaException($"{name}: unreadable (ffprobe reported no format)");
        }
        catch (JsonException e)
        {
            throw new UnsupportedMediaException($"{name}: unreadable (ffprobe report: {e.Message})");
        }
        catch (Exception e) when (e is FFProbeException or InstanceFileNotFoundException)
        {
            throw new MediaProcessException($"ffprobe could not be started: {e.Message}");
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or IndexOutOfRangeException)
        {
            // FFMpegCore's typed view parses some fields with int.Parse and splits ratios without checking; a report
            // it cannot parse is a file Hark cannot describe either.
            throw new UnsupportedMediaException($"{name}: unreadable (FFMpegCore could not read ffprobe's report: {e.Message})");
        }
    }

    private static string? LastLine(IEnumerable<string> lines)
    {
        string? last = lines.Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
        return last is { Length: > MaxLineLength } ? last[..MaxLineLength] : last;
    }
}
