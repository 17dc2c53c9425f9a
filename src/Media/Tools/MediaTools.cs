namespace Hark.Media.Tools;

/// <summary>
/// Where the ffmpeg and ffprobe executables are. Taken from PATH unless HARK_FFMPEG / HARK_FFPROBE name
/// another executable, so deployments can pin a build without changing code. ffprobe runs through FFMpegCore,
/// which wants a folder holding a file named ffprobe: HARK_FFPROBE names such a file, and is read once.
/// </summary>
public static class MediaTools
{
    public static string Ffmpeg { get; set; } = Environment.GetEnvironmentVariable("HARK_FFMPEG") is { Length: > 0 } f ? f : "ffmpeg";

    public static string Ffprobe { get; } = Environment.GetEnvironmentVariable("HARK_FFPROBE") is { Length: > 0 } p ? p : "ffprobe";
}
