using System.Security.Cryptography;
using Hark.Media.Flac;

namespace Hark.Engine.Archival;

/// <summary>
/// <c>hark archive tiff</c>: every source cut into chunks, each chunk one TIFF (preview + FLAC) written by a worker,
/// <c>--jobs</c> at a time; the manifest rewritten (atomically) as each chunk finishes. With <c>--resume</c> a chunk
/// whose TIFF is there and whose embedded FLAC still has the hash its pages record is kept; a half-written one
/// (NAME.partial) or a damaged one is written again.
/// </summary>
public sealed class TiffArchiver(TiffArchiveOptions options)
{
    private readonly Lock _gate = new();

    /// <summary>Reports each chunk as it is done: (source name, chunk index, whether it was kept from before).</summary>
    public event Action<string, int, bool>? ChunkDone;

    public async Task<ArchiveManifest> RunAsync(IReadOnlyList<ArchiveSource> sources, CancellationToken ct)
    {
        options.Validate();
        if (sources.Count == 0)
        {
            throw new ArchiveRefusedException("nothing to archive");
        }
        foreach (var duplicate in sources.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw new ArchiveRefusedException($"two sources are named {duplicate.Key}: their TIFFs would share names");
        }
        foreach (var source in sources.Where(s => s.TotalFrames <= 0))
        {
            throw new ArchiveRefusedException($"{source.Name} has no samples");
        }
        Directory.CreateDirectory(options.OutputDirectory);
        bool existing = File.Exists(Path.Combine(options.OutputDirectory, ArchiveManifest.FileName));
        if (existing && !options.Resume)
        {
            throw new ArchiveRefusedException($"{options.OutputDirectory} already holds an archive; give --resume to finish it, or another --out");
        }
        // Check the key before hours of work, not after.
        if (options.SigningKeyPath is { } keyPath)
        {
            ManifestSignature.Sign(Path.GetTempPath(), keyPath, dryRun: true);
        }
        var plans = sources.Select(s => ChunkPlan.For(s, options.ChunkSeconds)).ToArray();
        var chunks = sources.Select(_ => new SortedDictionary<int, ManifestChunk>()).ToArray();
        var hashes = new string?[sources.Count];
        var manifest = Manifest(sources, chunks, hashes);
        ArchiveJson.WriteManifest(options.OutputDirectory, manifest);

        var hashing = Task.WhenAll(sources.Select(async (source, i) => hashes[i] = await source.Sha256Async(ct)));
        var work = sources.SelectMany((source, i) => plans[i].Select(chunk => (Source: i, Chunk: chunk))).ToArray();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = options.Jobs, CancellationToken = ct },
            async (item, token) =>
            {
                var source = sources[item.Source];
                var kept = options.Resume ? Reusable(source, item.Chunk) : null;
                var done = kept ?? await ChunkTiffWriter.WriteAsync(source, item.Chunk, options, token);
                lock (_gate)
                {
                    chunks[item.Source][item.Chunk.Index] = done;
                    ArchiveJson.WriteManifest(options.OutputDirectory, Manifest(sources, chunks, hashes));
                }
                ChunkDone?.Invoke(source.Name, item.Chunk.Index, kept is not null);
            });
        await hashing;
        manifest = Manifest(sources, chunks, hashes);
        ArchiveJson.WriteManifest(options.OutputDirectory, manifest);
        if (options.SigningKeyPath is { } key)
        {
            ManifestSignature.Sign(options.OutputDirectory, key);
        }
        return manifest;
    }

    /// <summary>The chunk's TIFF from an earlier run, when it is whole and is this very chunk; null otherwise.</summary>
    private ManifestChunk? Reusable(ArchiveSource source, ChunkPlan chunk)
    {
        var path = Path.Combine(options.OutputDirectory, chunk.TiffName);
        File.Delete(path + ".partial");
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            using var tiff = ChunkTiff.Open(path);
            var d = tiff.Description;
            if (d.SourceFile != source.SourceFile || d.ChunkIndex != chunk.Index || d.StartSample != chunk.StartSample
                || d.SampleCount != chunk.SampleCount || d.Channels != source.Channels || d.BitsPerSample != source.BitsPerSample)
            {
                return null;
            }
            using var flac = tiff.OpenFlac();
            var sha = Convert.ToHexStringLower(SHA256.HashData(flac));
            if (sha != d.FlacSha256)
            {
                return null;
            }
            return ManifestChunk.For(source, chunk, sha, d.FlacSizeBytes, tiff.FileLength, tiff.Header.IsBig);
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            return null;
        }
    }

    private ArchiveManifest Manifest(IReadOnlyList<ArchiveSource> sources, SortedDictionary<int, ManifestChunk>[] chunks, string?[] hashes) => new()
    {
        HarkVersion = HarkVersion.Text,
        FlacEncoder = FlacEncoder.Version,
        InputDir = InputDirectory(sources),
        ChunkSeconds = options.ChunkSeconds,
        Files = [.. sources.Select((source, i) => new ManifestFile
        {
            SourceFile = source.SourceFile,
            SourceName = source.Name,
            SourceSizeBytes = source.SizeBytes,
            SourceSha256 = hashes[i],
            RecordingId = source.RecordingId,
            SampleRate = source.SampleRate,
            Channels = source.Channels,
            BitsPerSample = source.BitsPerSample,
            TotalSamples = source.TotalFrames,
            LossySource = source.DecodedFrom is not null,
            DecodedFrom = source.DecodedFrom,
            StartTime = source.StartTime,
            Chunks = [.. chunks[i].Values],
        })],
    };

    /// <summary>The directory the file sources share ("recordings" when they are stored recordings).</summary>
    private static string InputDirectory(IReadOnlyList<ArchiveSource> sources)
    {
        var directories = sources.Where(s => s.RecordingId is null).Select(s => Path.GetDirectoryName(s.SourceFile) ?? "").Distinct().ToArray();
        if (directories.Length == 0)
        {
            return "recordings";
        }
        var common = directories[0];
        foreach (var directory in directories.Skip(1))
        {
            while (!(directory + Path.DirectorySeparatorChar).StartsWith(common + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                common = Path.GetDirectoryName(common) ?? "";
            }
        }
        return common;
    }
}
