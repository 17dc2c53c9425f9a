namespace Hark.Media.Errors;

/// <summary>An ffmpeg or ffprobe run failed; the message ends with the tool's last error line.</summary>
public sealed class MediaProcessException(string message, int? exitCode = null) : Exception(message)
{
    public int? ExitCode { get; } = exitCode;
}
