using Hark.Media.Errors;

namespace Hark.Media.Tools;

/// <summary>
/// Every source Hark.Media hands to ffmpeg, ffprobe or its own readers passes here first: only a regular file is
/// a recording. A named pipe, device, socket or directory would make the tools wait for data that may never come
/// (or, for /dev/zero, never end), so it is refused at once.
/// </summary>
internal static class SourceFile
{
    /// <summary>Throws a one-line <see cref="UnsupportedMediaException"/> unless the path is a regular file.</summary>
    public static void RequireRegular(string path) => Refuse(path, FileKinds.Of(path), refuseMissing: true);

    /// <summary>
    /// Refuses the kinds that would make ffmpeg wait or never end; a missing file is left to ffmpeg, whose own
    /// error then names it (a probed file deleted before its decode is the caller's race, not a kind of source).
    /// </summary>
    public static void RefuseSpecial(string path) => Refuse(path, FileKinds.Of(path), refuseMissing: false);

    /// <summary>True when the path is a regular file (for readers that answer "nothing found" rather than throw).</summary>
    public static bool IsRegular(string path) => FileKinds.Of(path) == FileKind.Regular;

    private static void Refuse(string path, FileKind kind, bool refuseMissing)
    {
        string? problem = kind switch
        {
            FileKind.Regular => null,
            FileKind.Missing or FileKind.Inaccessible when !refuseMissing => null,
            FileKind.Missing => "file not found",
            FileKind.Inaccessible => "cannot be looked up (no permission on its folder, a link loop or a name too long)",
            FileKind.Directory => "not a regular file (a directory)",
            FileKind.NamedPipe => "not a regular file (a named pipe)",
            FileKind.CharacterDevice => "not a regular file (a character device)",
            FileKind.BlockDevice => "not a regular file (a block device)",
            FileKind.Socket => "not a regular file (a socket)",
            _ => "not a regular file",
        };
        if (problem is not null)
        {
            string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
            throw new UnsupportedMediaException($"{(name.Length > 0 ? name : path)}: {problem}");
        }
    }
}
