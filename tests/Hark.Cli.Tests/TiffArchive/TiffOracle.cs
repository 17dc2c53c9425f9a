using System.Text.Json;
using Hark.Testing;

namespace Hark.Cli.Tests.TiffArchive;

/// <summary>
/// Reads an archive the way a future archivist would, without Hark: Python's tifffile opens each TIFF, takes page 2
/// as a uint8 array and writes its first size_bytes bytes out as a .flac; libtiff's tiffinfo lists the pages; the
/// flac CLI decodes. Debian's python3 (not a user's pyenv) has python3-tifffile.
/// </summary>
internal static class TiffOracle
{
    public const string Python = "/usr/bin/python3";

    private const string Script = """
        import hashlib, json, sys, tifffile
        directory, out = sys.argv[1], sys.argv[2]
        manifest = json.load(open(directory + '/manifest.json'))
        report = []
        for f in manifest['files']:
            for c in f['chunks']:
                with tifffile.TiffFile(directory + '/' + c['tiff_path']) as t:
                    preview = t.pages[0].asarray()
                    flac = t.pages[1].asarray()
                    data = flac.tobytes()[:c['size_bytes']]
                    path = out + '/' + c['chunk_id'] + '.flac'
                    open(path, 'wb').write(data)
                    report.append({'chunk_id': c['chunk_id'], 'pages': len(t.pages), 'bigtiff': t.is_bigtiff,
                        'preview_shape': list(preview.shape), 'preview_std': float(preview.std()),
                        'flac_dtype': str(flac.dtype), 'sha_ok': hashlib.sha256(data).hexdigest() == c['flac_sha256'],
                        'flac_path': path})
        print(json.dumps(report))
        """;

    public sealed record ChunkReport(string ChunkId, int Pages, bool Bigtiff, int[] PreviewShape, double PreviewStd, string FlacDtype, bool ShaOk, string FlacPath);

    public static async Task<IReadOnlyList<ChunkReport>> ReadAsync(string archive, string scratch)
    {
        Directory.CreateDirectory(scratch);
        var result = await ProcessRunner.RunAsync(Python, ["-c", Script, archive, scratch]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return JsonSerializer.Deserialize<ChunkReport[]>(result.Output, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;
    }

    /// <summary>The flac CLI's decode of a FLAC file as raw little-endian signed samples (its own MD5 check on: -t first).</summary>
    public static async Task<byte[]> FlacDecodeRawAsync(string flacPath)
    {
        var test = await ProcessRunner.RunAsync("flac", ["-s", "-t", flacPath]);
        Assert.True(test.ExitCode == 0, $"flac -t {flacPath}: {test.StandardError}");
        var decoded = await ProcessRunner.RunAsync("flac", ["-s", "-d", "-c", "--force-raw-format", "--endian=little", "--sign=signed", flacPath]);
        Assert.True(decoded.ExitCode == 0, decoded.StandardError);
        return decoded.StandardOutput;
    }

    /// <summary>ffmpeg's own decode of the source as raw little-endian PCM of <paramref name="rawFormat"/> (s16le, s24le...).</summary>
    public static async Task<byte[]> SourceRawAsync(string source, string rawFormat)
    {
        var decoded = await ProcessRunner.RunAsync("ffmpeg", ["-v", "error", "-i", source, "-f", rawFormat, "-"]);
        Assert.True(decoded.ExitCode == 0, decoded.StandardError);
        return decoded.StandardOutput;
    }

    public static async Task<string> FfmpegMd5Async(string path)
    {
        var md5 = await ProcessRunner.RunAsync("ffmpeg", ["-v", "error", "-i", path, "-map", "0:a", "-f", "md5", "-"]);
        Assert.True(md5.ExitCode == 0, md5.StandardError);
        return md5.Output.Trim();
    }

    /// <summary>How many directories (pages) libtiff's tiffinfo finds.</summary>
    public static async Task<int> TiffinfoPagesAsync(string tiff)
    {
        var info = await ProcessRunner.RunAsync("tiffinfo", [tiff]);
        Assert.True(info.ExitCode == 0, info.StandardError);
        return info.Output.Split('\n').Count(line => line.StartsWith("TIFF Directory at offset", StringComparison.Ordinal));
    }

    public static JsonElement Manifest(string archive) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(archive, "manifest.json"))).RootElement;

    /// <summary>Test audio: a different sine per channel plus a little noise, so FLAC has work and channels differ.</summary>
    public static async Task<string> GenerateAsync(string path, int rate, int channels, long frames, string codec)
    {
        var parts = Enumerable.Range(0, channels).Select(c =>
            FormattableString.Invariant($"0.3*sin(2*PI*{300 + 250 * c}*t)+0.05*sin(2*PI*{rate / 5 + 10 * c}*t*t)+0.01*(random({c})-0.5)"));
        double seconds = (double)frames / rate + 1;
        return await AudioGenerator.GenerateAsync(FormattableString.Invariant($"aevalsrc={string.Join('|', parts)}:s={rate}:d={seconds}"),
            path, "-af", FormattableString.Invariant($"atrim=end_sample={frames}"), "-c:a", codec);
    }
}
