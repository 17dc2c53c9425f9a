using FFMpegCore;
using Hark.Media.Errors;

namespace Hark.Media.Tools;

/// <summary>
/// FFMpegCore's options for ffprobe, built once per process. FFMpegCore takes a folder and looks for a file called
/// "ffprobe" in it, so the folder is the one on PATH that holds ffprobe (or the folder of HARK_FFPROBE). These
/// options are passed with every call instead of being installed as FFMpegCore's global ones, which FFMpegCore
/// would otherwise read from an ffmpeg.config.json in whatever the current folder is.
/// </summary>
internal static class FfprobeOptions
{
    private const string ProgramName = "ffprobe";

    private static readonly Lazy<FFOptions> Options = new(Build);

    public static FFOptions Current => Options.Value;

    private static FFOptions Build()
    {
        string program = MediaTools.Ffprobe;
        if (Path.GetFileName(program) != ProgramName)
        {
            throw new MediaProcessException(
                $"HARK_FFPROBE must name an executable called {ProgramName} (FFMpegCore looks for that name in a folder), not {program}");
        }
        string? folder = program.Contains('/', StringComparison.Ordinal)
            ? Path.GetDirectoryName(Path.GetFullPath(program))
            : FindOnPath(program);
        // No folder: FFMpegCore runs the bare name, and a missing ffprobe is reported when it fails to start.
        return new FFOptions { BinaryFolder = folder ?? "" };
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(folder => File.Exists(Path.Combine(folder, program)));
}
