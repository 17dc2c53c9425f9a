using Hark.Codec.Wav;

namespace Hark.Engine.Archival;

/// <summary>
/// <c>hark archive reconstruct DIR [--source NAME] -o OUT.wav</c>: one source's chunks decoded in order and appended
/// to a WAV (RF64 past 4 GiB) whose samples are the archived integers. Every chunk is checked as it is decoded
/// (SHA-256, MD5, length); a damaged one stops the reconstruction and no output is left behind.
/// </summary>
public static class ArchiveReconstructor
{
    public static async Task<ManifestFile> ReconstructAsync(string directory, string? sourceName, string outputPath, CancellationToken ct)
    {
        var manifest = ArchiveJson.ReadManifest(directory);
        var file = Choose(manifest, sourceName);
        var partial = outputPath + ".partial";
        try
        {
            await Task.Run(() =>
            {
                using var output = new FileStream(partial, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
                using var wav = new WavWriter(output, new WavFormat(file.SampleRate, file.Channels, ContainerBits(file.BitsPerSample), file.BitsPerSample, false,
                    WavFormat.DefaultChannelMask(file.Channels)), leaveOpen: true, allowRf64: true);
                int shift = ContainerBits(file.BitsPerSample) - file.BitsPerSample;
                int[] shifted = [];
                foreach (var chunk in file.Chunks)
                {
                    ct.ThrowIfCancellationRequested();
                    try
                    {
                        ArchiveVerifier.DecodeChunk(directory, file, chunk, samples =>
                        {
                            if (shift == 0)
                            {
                                wav.WriteFrames(samples);
                                return;
                            }
                            if (shifted.Length < samples.Length)
                            {
                                shifted = new int[samples.Length];
                            }
                            for (int i = 0; i < samples.Length; i++)
                            {
                                shifted[i] = samples[i] << shift;
                            }
                            wav.WriteFrames(shifted.AsSpan(0, samples.Length));
                        });
                    }
                    catch (ChunkDamagedException e)
                    {
                        throw new ChunkDamagedException($"{file.SourceName} {chunk.ChunkId}: {e.Message}; nothing written");
                    }
                }
                wav.Complete();
                output.Flush(flushToDisk: true);
            }, ct);
            File.Move(partial, outputPath, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
        return file;
    }

    /// <summary>WAV holds whole bytes: a 20-bit source goes in 24 bits, shifted up as a 20-in-24 WAV stores it.</summary>
    private static int ContainerBits(int bits) => (bits + 7) / 8 * 8;

    private static ManifestFile Choose(ArchiveManifest manifest, string? sourceName)
    {
        if (sourceName is null)
        {
            return manifest.Files.Count == 1
                ? manifest.Files[0]
                : throw new ArchiveRefusedException($"the archive holds {manifest.Files.Count} sources; name one with --source ({string.Join(", ", manifest.Files.Select(f => f.SourceName))})");
        }
        return manifest.Files.FirstOrDefault(f => f.SourceName == sourceName || f.SourceFile == sourceName || Path.GetFileName(f.SourceFile) == sourceName)
            ?? throw new ArchiveRefusedException($"the archive holds no source {sourceName} (it holds {string.Join(", ", manifest.Files.Select(f => f.SourceName))})");
    }
}
