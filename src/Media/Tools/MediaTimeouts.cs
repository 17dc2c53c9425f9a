namespace Hark.Media.Tools;

/// <summary>
/// Bounds on every ffmpeg and ffprobe run, so a tool stuck on a hung network mount, a damaged file it loops on or
/// a source that never ends cannot hold an import forever. The runs that take them have internal overloads with
/// a shorter bound for tests.
/// </summary>
public static class MediaTimeouts
{
    /// <summary>ffprobe reads a few packets and the container's index: seconds on any local file.</summary>
    public const int ProbeSeconds = 30;

    /// <summary>ffmpeg -version, asked once per process.</summary>
    public const int VersionSeconds = 30;

    /// <summary>
    /// A decode or encode is killed when ffmpeg has given no output and taken no input for this long while Hark
    /// was waiting on it (time Hark's own callers spend is not counted). ffmpeg decodes and encodes many times
    /// faster than real time, so a minute of silence means it is stuck, not slow.
    /// </summary>
    public const int InactivitySeconds = 60;

    public static TimeSpan Probe => TimeSpan.FromSeconds(ProbeSeconds);

    public static TimeSpan Version => TimeSpan.FromSeconds(VersionSeconds);

    public static TimeSpan Inactivity => TimeSpan.FromSeconds(InactivitySeconds);

    /// <summary>"30 s", "0.5 s": how a bound is named in an error message.</summary>
    internal static string Describe(TimeSpan bound) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bound.TotalSeconds:0.###} s");
}
