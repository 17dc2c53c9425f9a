namespace Hark.Engine.Archival;

/// <summary>
/// <c>hark archive extract DIR --out-flac DIR</c>: each chunk's embedded FLAC copied out as NAME.flac, streamed and
/// hashed on the way; a copy whose hash is not the manifest's is deleted and named. With resume, a FLAC already there
/// with the right hash is kept.
/// </summary>
public static class ArchiveExtractor
{
    public static async Task<IReadOnlyList<ArchiveVerifier.Problem>> ExtractAsync(string directory, string outputDirectory, bool resume,
        Action<string>? extracted, CancellationToken ct)
    {
        var manifest = ArchiveJson.ReadManifest(directory);
        Directory.CreateDirectory(outputDirectory);
        var problems = new List<ArchiveVerifier.Problem>();
        foreach (var file in manifest.Files)
        {
            foreach (var chunk in file.Chunks)
            {
                var target = Path.Combine(outputDirectory, Path.ChangeExtension(chunk.TiffPath, ".flac"));
                if (resume && File.Exists(target) && new FileInfo(target).Length == chunk.SizeBytes
                    && await FileSha256.OfAsync(target, ct) == chunk.FlacSha256)
                {
                    continue;
                }
                try
                {
                    using var tiff = ChunkTiff.Open(ArchiveVerifier.TiffPathOf(directory, chunk));
                    var partial = target + ".partial";
                    string sha;
                    await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
                    using (var hashing = new HashingReadStream(tiff.OpenFlac(chunk.SizeBytes)))
                    {
                        await hashing.CopyToAsync(output, 1 << 20, ct);
                        sha = hashing.Sha256();
                        output.Flush(flushToDisk: true);
                    }
                    if (sha != chunk.FlacSha256)
                    {
                        File.Delete(partial);
                        problems.Add(new ArchiveVerifier.Problem(file.SourceName, chunk.ChunkId, $"embedded FLAC SHA-256 {sha} is not the manifest's {chunk.FlacSha256}; not extracted"));
                        continue;
                    }
                    File.Move(partial, target, overwrite: true);
                    extracted?.Invoke(target);
                }
                catch (Exception e) when (e is FormatException or IOException or ChunkDamagedException)
                {
                    problems.Add(new ArchiveVerifier.Problem(file.SourceName, chunk.ChunkId, e.Message));
                }
            }
        }
        return problems;
    }
}
