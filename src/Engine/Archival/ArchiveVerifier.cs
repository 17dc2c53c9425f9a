using Hark.Media.Flac;

namespace Hark.Engine.Archival;

/// <summary>
/// <c>hark archive verify DIR</c>: the manifest's signature (with a key), that its chunks tile each source, and for
/// every chunk its TIFF's embedded FLAC against the manifest's SHA-256 and size, decoded in full with libFLAC's MD5
/// check and counted. One pass per chunk: the bytes are hashed as the decoder reads them.
/// </summary>
public static class ArchiveVerifier
{
    public sealed record Problem(string SourceName, string? ChunkId, string What)
    {
        public override string ToString() => ChunkId is null ? $"{SourceName}: {What}" : $"{SourceName} {ChunkId}: {What}";
    }

    public static async Task<IReadOnlyList<Problem>> VerifyAsync(string directory, string? publicKeyPath, Action<ManifestFile, ManifestChunk>? checkedChunk, CancellationToken ct)
    {
        var manifest = ArchiveJson.ReadManifest(directory);
        var problems = new List<Problem>();
        if (publicKeyPath is not null && ManifestSignature.Check(directory, publicKeyPath) is { } bad)
        {
            problems.Add(new Problem(ArchiveManifest.FileName, null, bad));
        }
        foreach (var file in manifest.Files)
        {
            long expected = 0;
            foreach (var chunk in file.Chunks)
            {
                if (chunk.StartSample != expected)
                {
                    problems.Add(new Problem(file.SourceName, chunk.ChunkId, $"starts at sample {chunk.StartSample}, but the chunks before it end at {expected}"));
                }
                expected = chunk.StartSample + chunk.SampleCount;
            }
            if (expected != file.TotalSamples)
            {
                problems.Add(new Problem(file.SourceName, null, $"the chunks hold {expected} samples of {file.TotalSamples}"));
            }
            foreach (var chunk in file.Chunks)
            {
                ct.ThrowIfCancellationRequested();
                if (await Task.Run(() => CheckChunk(directory, file, chunk), ct) is { } what)
                {
                    problems.Add(new Problem(file.SourceName, chunk.ChunkId, what));
                }
                checkedChunk?.Invoke(file, chunk);
            }
        }
        return problems;
    }

    /// <summary>Null when the chunk is sound; otherwise what is wrong with it, in one line.</summary>
    internal static string? CheckChunk(string directory, ManifestFile file, ManifestChunk chunk)
    {
        try
        {
            DecodeChunk(directory, file, chunk, null);
            return null;
        }
        catch (ChunkDamagedException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// Decodes one chunk's embedded FLAC to <paramref name="samples"/> (may be null), checking its MD5, its length, its
    /// format and its SHA-256 against the manifest; <see cref="ChunkDamagedException"/> naming the chunk otherwise.
    /// </summary>
    internal static long DecodeChunk(string directory, ManifestFile file, ManifestChunk chunk, FlacSamplesHandler? samples)
    {
        var path = TiffPathOf(directory, chunk);
        if (!File.Exists(path))
        {
            throw new ChunkDamagedException($"{chunk.TiffPath} is missing");
        }
        try
        {
            using var tiff = ChunkTiff.Open(path);
            long pageBytes = tiff.FlacPage.StripByteCounts.Sum();
            if (chunk.SizeBytes > pageBytes)
            {
                throw new ChunkDamagedException($"the manifest's size_bytes {chunk.SizeBytes} exceeds the {pageBytes} bytes page 2 holds");
            }
            using var hashing = new HashingReadStream(tiff.OpenFlac(chunk.SizeBytes));
            long frames;
            FlacStreamInfo info;
            string? decodeError = null;
            try
            {
                using var decoder = new FlacDecoder(hashing);
                info = decoder.ReadStreamInfo();
                frames = decoder.DecodeAll(samples ?? (_ => { }));
            }
            catch (FlacCorruptException e)
            {
                decodeError = e.Message;
                info = default;
                frames = 0;
            }
            string sha = hashing.Sha256();
            if (sha != chunk.FlacSha256)
            {
                throw new ChunkDamagedException($"embedded FLAC SHA-256 {sha} is not the manifest's {chunk.FlacSha256} ({chunk.TiffPath})");
            }
            if (decodeError is not null)
            {
                throw new ChunkDamagedException($"embedded FLAC does not decode: {decodeError} ({chunk.TiffPath})");
            }
            if (info.SampleRate != file.SampleRate || info.Channels != file.Channels || info.BitsPerSample != file.BitsPerSample)
            {
                throw new ChunkDamagedException($"FLAC is {info.Channels} ch {info.BitsPerSample}-bit {info.SampleRate} Hz, the manifest says {file.Channels} ch {file.BitsPerSample}-bit {file.SampleRate} Hz");
            }
            if (frames != chunk.SampleCount)
            {
                throw new ChunkDamagedException($"FLAC holds {frames} samples, the manifest says {chunk.SampleCount}");
            }
            return frames;
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            throw new ChunkDamagedException($"{chunk.TiffPath}: {e.Message}");
        }
    }

    /// <summary>A chunk's TIFF inside DIR; a tiff_path that would lead out of DIR is refused.</summary>
    internal static string TiffPathOf(string directory, ManifestChunk chunk)
    {
        if (chunk.TiffPath.Length == 0 || Path.GetFileName(chunk.TiffPath) != chunk.TiffPath || chunk.TiffPath is "." or "..")
        {
            throw new ChunkDamagedException($"tiff_path '{chunk.TiffPath}' is not a file name inside the archive directory");
        }
        return Path.Combine(directory, chunk.TiffPath);
    }
}
