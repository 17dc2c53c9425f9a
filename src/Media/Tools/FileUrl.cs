namespace Hark.Media.Tools;

/// <summary>
/// ffmpeg treats "name:rest" as a protocol (pipe:, concat:, http:...). Local sources are always passed as
/// "file:" plus the full path, so a file's name can never select another protocol or look like an option.
/// </summary>
internal static class FileUrl
{
    public static string For(string path) => "file:" + Path.GetFullPath(path);
}
