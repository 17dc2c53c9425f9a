namespace Hark.Cli.Output;

/// <summary>Where a command writes audio: "-" is standard output; a file appears only once it is complete.</summary>
internal static class OutputFile
{
    public const string StandardOutput = "-";

    /// <summary>A file is written as PATH.partial and renamed when done, so a refused or failed read leaves no file behind.</summary>
    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        if (path == StandardOutput)
        {
            await using var stdout = Console.OpenStandardOutput();
            await write(stdout);
            return;
        }
        var temp = path + ".partial";
        try
        {
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                await write(file);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
