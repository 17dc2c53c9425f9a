using Hark.Testing;

namespace Hark.Cli.Tests.TiffArchive;

/// <summary>
/// <c>hark archive tiff</c> then the archive read back without Hark (tifffile, tiffinfo, the flac CLI) and with it
/// (<c>archive verify</c>, <c>archive reconstruct</c>), across rates, depths and channel counts, odd lengths and several
/// chunks: the samples that come back are the source's, bit for bit.
/// </summary>
public sealed class TiffArchiveRoundTripTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-tiff");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(8000, 1, 16, 43_201L, false)]
    [InlineData(44100, 2, 16, 200_003L, false)]
    [InlineData(96000, 2, 24, 400_001L, true)]
    [InlineData(384000, 1, 24, 1_500_007L, false)]
    [InlineData(48000, 6, 16, 190_001L, false)]
    public async Task An_archive_gives_back_the_source_samples_to_tifffile_flac_and_reconstruct(int rate, int channels, int bits, long frames, bool forceBigTiff)
    {
        string codec = bits == 24 ? "pcm_s24le" : "pcm_s16le";
        string raw = bits == 24 ? "s24le" : "s16le";
        var source = await TiffOracle.GenerateAsync(_dir.File("source.wav"), rate, channels, frames, codec);
        var archive = _dir.File("archive");
        // Chunks of a little under a second at every rate: at least three per source, the last one shorter.
        double chunkHours = frames / (double)rate / 3.4 / 3600;
        string[] arguments = ["archive", "tiff", source, "--out", archive, "--chunk-hours", chunkHours.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "--jobs", "2"];
        var run = await ProcessRunner.HarkAsync(forceBigTiff ? [.. arguments, "--bigtiff-threshold", "1000"] : arguments);
        Assert.True(run.ExitCode == 0, run.StandardError);

        var manifest = TiffOracle.Manifest(archive);
        var file = Assert.Single(manifest.GetProperty("files").EnumerateArray());
        Assert.Equal(frames, file.GetProperty("total_samples").GetInt64());
        Assert.Equal(bits, file.GetProperty("bits_per_sample").GetInt32());
        Assert.False(file.GetProperty("lossy_source").GetBoolean());
        Assert.Equal(await Sha256Of(source), file.GetProperty("source_sha256").GetString());
        var chunks = file.GetProperty("chunks").EnumerateArray().ToArray();
        Assert.Equal(4, chunks.Length);

        var reports = await TiffOracle.ReadAsync(archive, _dir.File("oracle"));
        var decoded = new MemoryStream();
        foreach (var (report, chunk) in reports.Zip(chunks))
        {
            Assert.Equal(chunk.GetProperty("chunk_id").GetString(), report.ChunkId);
            Assert.True(report.ShaOk, $"{report.ChunkId}: tifffile's page 2 bytes do not have the manifest's SHA-256");
            Assert.Equal(2, report.Pages);
            Assert.Equal(forceBigTiff, report.Bigtiff);
            Assert.Equal(forceBigTiff, chunk.GetProperty("big_tiff").GetBoolean());
            Assert.Equal([256, 2048, 3], report.PreviewShape);
            Assert.True(report.PreviewStd > 5, $"{report.ChunkId}: the preview is flat (std {report.PreviewStd})");
            Assert.Equal("uint8", report.FlacDtype);
            Assert.Equal(2, await TiffOracle.TiffinfoPagesAsync(Path.Combine(archive, chunk.GetProperty("tiff_path").GetString()!)));
            decoded.Write(await TiffOracle.FlacDecodeRawAsync(report.FlacPath));
        }
        var expected = await TiffOracle.SourceRawAsync(source, raw);
        Assert.Equal(expected.Length, decoded.Length);
        Assert.True(expected.AsSpan().SequenceEqual(decoded.ToArray()), "the flac CLI's decode of the chunks is not the source's PCM");

        var verify = await ProcessRunner.HarkAsync("archive", "verify", archive);
        Assert.True(verify.ExitCode == 0, verify.StandardError);
        Assert.Contains("ok: 4 chunk(s) verified", verify.Output);

        var rebuilt = _dir.File("rebuilt.wav");
        var reconstruct = await ProcessRunner.HarkAsync("archive", "reconstruct", archive, "-o", rebuilt);
        Assert.True(reconstruct.ExitCode == 0, reconstruct.StandardError);
        Assert.Equal(await TiffOracle.FfmpegMd5Async(source), await TiffOracle.FfmpegMd5Async(rebuilt));

        var flacs = _dir.File("flacs");
        var extract = await ProcessRunner.HarkAsync("archive", "extract", archive, "--out-flac", flacs);
        Assert.True(extract.ExitCode == 0, extract.StandardError);
        foreach (var report in reports)
        {
            var extracted = Path.Combine(flacs, $"source_{report.ChunkId}.flac");
            Assert.Equal(await File.ReadAllBytesAsync(report.FlacPath), await File.ReadAllBytesAsync(extracted));
        }
    }

    [Fact]
    public async Task A_lossy_source_is_archived_decoded_and_the_manifest_says_so()
    {
        var source = await AudioGenerator.GenerateAsync("sine=f=1000:r=44100:d=3", _dir.File("lossy.m4a"), "-c:a", "aac", "-b:a", "96k");
        var wav = await AudioGenerator.GenerateAsync("sine=f=700:r=44100:d=2.5", _dir.File("plain.flac"), "-c:a", "flac", "-sample_fmt", "s16");
        var archive = _dir.File("archive");
        var run = await ProcessRunner.HarkAsync("archive", "tiff", source, wav, "--out", archive);
        Assert.True(run.ExitCode == 0, run.StandardError);
        var files = TiffOracle.Manifest(archive).GetProperty("files").EnumerateArray().ToArray();
        var lossy = files.Single(f => f.GetProperty("source_name").GetString() == "lossy");
        Assert.True(lossy.GetProperty("lossy_source").GetBoolean());
        Assert.Equal("aac", lossy.GetProperty("decoded_from").GetString());
        Assert.Equal(24, lossy.GetProperty("bits_per_sample").GetInt32());
        // The decoded samples are what ffmpeg decodes, as 24-bit integers: the verify's MD5 check covers them.
        var verify = await ProcessRunner.HarkAsync("archive", "verify", archive);
        Assert.True(verify.ExitCode == 0, verify.StandardError);
        var flac = files.Single(f => f.GetProperty("source_name").GetString() == "plain");
        Assert.False(flac.GetProperty("lossy_source").GetBoolean());
        Assert.Equal(16, flac.GetProperty("bits_per_sample").GetInt32());
        var rebuilt = _dir.File("plain.wav");
        var reconstruct = await ProcessRunner.HarkAsync("archive", "reconstruct", archive, "--source", "plain", "-o", rebuilt);
        Assert.True(reconstruct.ExitCode == 0, reconstruct.StandardError);
        Assert.Equal(await TiffOracle.FfmpegMd5Async(wav), await TiffOracle.FfmpegMd5Async(rebuilt));
        var ambiguous = await ProcessRunner.HarkAsync("archive", "reconstruct", archive, "-o", _dir.File("x.wav"));
        Assert.Equal(1, ambiguous.ExitCode);
        Assert.StartsWith("hark: the archive holds 2 sources; name one with --source", ambiguous.StandardError);
    }

    [Fact]
    public async Task A_stored_recording_is_archived_through_the_front_door_exactly_for_lac_and_decoded_for_aac()
    {
        var source = await TiffOracle.GenerateAsync(_dir.File("field.wav"), 32000, 2, 150_001, "pcm_s16le");
        var store = _dir.File("store");
        foreach (var (id, codec) in new[] { ("exact", "lac"), ("lossy", "aac") })
        {
            var import = await ProcessRunner.HarkAsync("--archive", store, "import", source, "--id", id, "--codec", codec);
            Assert.True(import.ExitCode == 0, import.StandardError);
        }
        var archive = _dir.File("archive");
        var run = await ProcessRunner.HarkAsync("--archive", store, "archive", "tiff", "--recording", "exact", "--recording", "lossy",
            "--out", archive, "--chunk-hours", "0.0005");
        Assert.True(run.ExitCode == 0, run.StandardError);
        var files = TiffOracle.Manifest(archive).GetProperty("files").EnumerateArray().ToArray();
        Assert.Equal("recording:exact", files[0].GetProperty("source_file").GetString());
        Assert.False(files[0].GetProperty("lossy_source").GetBoolean());
        Assert.True(files[1].GetProperty("lossy_source").GetBoolean());
        Assert.Equal("aac", files[1].GetProperty("decoded_from").GetString());
        Assert.Equal(3, files[0].GetProperty("chunks").GetArrayLength());

        var verify = await ProcessRunner.HarkAsync("archive", "verify", archive);
        Assert.True(verify.ExitCode == 0, verify.StandardError);
        var rebuilt = _dir.File("exact.wav");
        var reconstruct = await ProcessRunner.HarkAsync("archive", "reconstruct", archive, "--source", "exact", "-o", rebuilt);
        Assert.True(reconstruct.ExitCode == 0, reconstruct.StandardError);
        Assert.Equal(await TiffOracle.FfmpegMd5Async(source), await TiffOracle.FfmpegMd5Async(rebuilt));
    }

    [Fact]
    public async Task Archive_preview_draws_a_file_as_a_png_that_ffmpeg_reads()
    {
        var source = await TiffOracle.GenerateAsync(_dir.File("p.wav"), 22050, 1, 50_000, "pcm_s16le");
        var png = _dir.File("p.png");
        var run = await ProcessRunner.HarkAsync("archive", "preview", source, "-o", png, "--width", "320", "--height", "90");
        Assert.True(run.ExitCode == 0, run.StandardError);
        var pixels = await ProcessRunner.RunAsync("ffmpeg", ["-v", "error", "-i", png, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]);
        Assert.True(pixels.ExitCode == 0, pixels.StandardError);
        Assert.Equal(320 * 90 * 3, pixels.StandardOutput.Length);
        Assert.True(pixels.StandardOutput.Distinct().Count() > 20);
    }

    private static async Task<string> Sha256Of(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(file));
    }
}
