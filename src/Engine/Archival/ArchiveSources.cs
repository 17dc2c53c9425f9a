namespace Hark.Engine.Archival;

/// <summary>Opens a file to archive: an integer WAV in place, anything else through ffmpeg.</summary>
public static class ArchiveSources
{
    public static async Task<ArchiveSource> OpenFileAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new ArchiveRefusedException($"{path}: no such file");
        }
        return WavArchiveSource.TryOpen(path) ?? (ArchiveSource)await DecodedArchiveSource.OpenAsync(path, ct);
    }
}
