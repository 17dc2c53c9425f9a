using System.Globalization;
using System.Text.Json;
using Hark.Codec.Mp4;
using Hark.Engine.Export;
using Hark.Media.Opus;
using Hark.Testing;
using Xunit.Abstractions;

namespace Hark.Engine.Tests.Export;

/// <summary>
/// M4A exports of Opus recordings against programs that did not write them: ffprobe, mp4box.js, and ffmpeg decodes
/// (through libopus and through ffmpeg's own Opus decoder) against the segment reader's samples.
/// </summary>
public abstract class OpusM4aExportTests(OpusRecordingFixture fixture, ITestOutputHelper output)
{
    /// <summary>ffmpeg's libopus decode starts a fresh libopus decoder at the file's first packet, as the segment reader
    /// does: the same decoder on the same packets from the same state, so not one value may differ (measured: none does).</summary>
    private const float LibopusBound = 0;

    /// <summary>
    /// ffmpeg's own Opus decoder is another implementation: measured within 1.2e-7 of libopus for mono and 7.3e-3
    /// (61 dB SNR) for stereo, where its stereo reconstruction rounds differently. The bound is on the SNR: 50 dB, where
    /// an edit off by one sample gives about 20 dB on this material and one off by a packet far less.
    /// </summary>
    private const double NativeDecoderMinSnrDb = 50;

    private RecordingMetadata Meta => fixture.Metadata;

    [Fact]
    public async Task Whole_and_range_exports_probe_as_opus_and_decode_to_the_segment_samples()
    {
        long total = Meta.TotalSamples;
        foreach (var (from, to) in new[] { (0L, total), (48_000L + 77, 5L * 48_000 + 3), (0L, 1500L), (2L * 48_000 + 5, total),
                     (fixture.Plan.ChunkSamples - 2000, fixture.Plan.ChunkSamples + 9000) })
        {
            var file = await ExportAsync(from, to);
            await AssertProbedAsync(file, to - from);
            AssertBoxes(file, from, to);
            await AssertMp4BoxJsAgreesAsync(file, from, to);
            await AssertDecodesToSegmentAsync(file, from, to, "libopus", LibopusBound, minSnrDb: 90);
            await AssertDecodesToSegmentAsync(file, from, to, "opus", maxAbs: 1, NativeDecoderMinSnrDb);
        }
    }

    [Fact]
    public async Task A_whole_export_decoded_by_ffmpeg_libopus_equals_the_sequential_reference()
    {
        // An independent check of the tests' own reference decode: ffmpeg's demuxer and libopus wrapper over the
        // exported file, against OpusMaterial's loop over the stored packets.
        var file = await ExportAsync(0, Meta.TotalSamples);
        var decoded = Pcm.Floats((await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-c:a", "libopus", "-request_sample_fmt", "flt", "-i", file,
            "-f", "f32le", "-")).StandardOutput);
        Assert.True(decoded.Length >= fixture.Reference.Length, $"{decoded.Length / Meta.Channels} samples decoded");
        var stats = new ErrorStats();
        stats.Add(decoded, fixture.Reference, 0, Meta.Channels);
        output.WriteLine($"{Meta.Id}: ffmpeg libopus whole decode against the reference: max abs {stats.MaxAbs:E2}");
        Assert.True(stats.MaxAbs <= LibopusBound, $"max abs {stats.MaxAbs}");
    }

    [Fact]
    public async Task Adts_refuses_an_opus_recording_clearly()
    {
        var reader = await fixture.Archive.OpenRecordingAsync(Meta.Id, CancellationToken.None);
        var stream = new MemoryStream();
        var refusal = await Assert.ThrowsAsync<ExportNotPossibleException>(() => AdtsExport.WriteAsync(reader, 0, 100, stream, CancellationToken.None));
        Assert.Equal($"recording {Meta.Id} is Opus; ADTS carries AAC only: export it as m4a or wav", refusal.Message);
        Assert.Equal(0, stream.Length);
    }

    private async Task<string> ExportAsync(long from, long to)
    {
        var path = fixture.Directory.File(FormattableString.Invariant($"{Meta.Id}-{from}-{to}.m4a"));
        var reader = await fixture.Archive.OpenRecordingAsync(Meta.Id, CancellationToken.None);
        await using var file = File.Create(path);
        await M4aExport.WriteAsync(reader, from, to, file, CancellationToken.None);
        return path;
    }

    private async Task AssertProbedAsync(string file, long samples)
    {
        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-show_entries",
            "stream=codec_type,codec_name,sample_rate,channels,duration_ts,initial_padding", "-of", "json", file);
        var stream = Assert.Single(JsonDocument.Parse(probe.Output).RootElement.GetProperty("streams").EnumerateArray());
        Assert.Equal("audio", stream.GetProperty("codec_type").GetString());
        Assert.Equal("opus", stream.GetProperty("codec_name").GetString());
        Assert.Equal("48000", stream.GetProperty("sample_rate").GetString());
        Assert.Equal(Meta.Channels, stream.GetProperty("channels").GetInt32());
        Assert.Equal(samples, stream.GetProperty("duration_ts").GetInt64());
    }

    /// <summary>The edit plays exactly the requested samples from past pre-skip, pre-roll and the offset; dOps says what the recording is.</summary>
    private void AssertBoxes(string file, long from, long to)
    {
        var bytes = File.ReadAllBytes(file);
        Assert.True(EditListBox.TryParse(Mp4Boxes.Find(bytes, "moov", "trak", "edts", "elst").Span, out var edit));
        Assert.Equal(new EditListBox((ulong)(to - from), ExpectedMediaTime(from)), edit);
        Assert.Equal(48_000u, Mp4Boxes.UInt32At(Mp4Boxes.Find(bytes, "moov", "trak", "mdia", "mdhd"), 20));
        // dOps sits inside the sample entry, after stsd's entry count and the AudioSampleEntry fields.
        int at = bytes.AsSpan().IndexOf("dOps"u8);
        Assert.True(at > 0, "no dOps box");
        Assert.True(OpusSpecificBox.TryParse(bytes.AsSpan(at + 4), out var dops));
        Assert.Equal(fixture.SourceRate, (int)dops.InputSampleRate);
        Assert.Equal(OpusFormat.PreSkip, dops.PreSkip);
        Assert.Equal(Meta.Channels, dops.OutputChannelCount);
        Assert.Equal(Meta.Channels > 2 ? 1 : 0, dops.ChannelMappingFamily);
        if (Meta.Channels == 6)
        {
            // RFC 7845 section 5.1.1.2, 5.1: FL+FR and RL+RR coupled, C and LFE alone, output FL C FR RL RR LFE.
            Assert.Equal((4, 2), (dops.StreamCount, dops.CoupledCount));
            Assert.Equal([0, 4, 1, 2, 3, 5], dops.ChannelMapping!);
        }
    }

    /// <summary>Pre-skip, the 16 packets of pre-roll (fewer near the start) and the offset into the first needed packet.</summary>
    private static long ExpectedMediaTime(long from)
    {
        long decoded = from + OpusFormat.PreSkip;
        long first = from == 0 ? 0 : Math.Max(0, decoded / 960 - OpusFormat.PreRollPackets);
        return decoded - first * 960;
    }

    private async Task AssertMp4BoxJsAgreesAsync(string file, long from, long to)
    {
        var script = Path.Combine(RepoPaths.Root, "tools", "node", "mp4-inspect.mjs");
        var result = await ProcessRunner.RunAsync("node", [script, file], timeout: TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, result.StandardError);
        var parsed = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(["ftyp", "moov", "mdat"], parsed.GetProperty("boxes").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(to - from, parsed.GetProperty("movie_duration").GetInt64());
        var track = Assert.Single(parsed.GetProperty("tracks").EnumerateArray());
        Assert.Equal("Opus", track.GetProperty("codec").GetString());
        Assert.Equal(48_000, track.GetProperty("timescale").GetInt32());
        var edit = Assert.Single(track.GetProperty("edits").EnumerateArray());
        Assert.Equal(to - from, edit.GetProperty("segment_duration").GetInt64());
        Assert.Equal(ExpectedMediaTime(from), edit.GetProperty("media_time").GetInt64());
        Assert.Equal(track.GetProperty("samples").GetInt64() * 960, track.GetProperty("duration").GetInt64());
    }

    /// <summary>ffmpeg honours the edit's start: its decode begins with exactly the segment's samples (within the bound);
    /// it decodes the last packet whole, so only the requested length is compared.</summary>
    private async Task AssertDecodesToSegmentAsync(string file, long from, long to, string decoder, float maxAbs, double minSnrDb)
    {
        int channels = Meta.Channels;
        // libopus through ffmpeg gives 16-bit output unless float is asked for.
        var decoded = await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-c:a", decoder, "-request_sample_fmt", "flt",
            "-i", file, "-f", "f32le", "-");
        var samples = Pcm.Floats(decoded.StandardOutput);
        var expected = new float[(to - from) * channels];
        await fixture.Segments.ReadSamplesAsync(Meta.Id, from, (int)(to - from), expected, CancellationToken.None);
        Assert.True(samples.Length >= expected.Length, $"ffmpeg ({decoder}) decoded {samples.Length / channels} samples, fewer than {to - from}");
        var stats = new ErrorStats();
        stats.Add(samples, expected, 0, channels);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Meta.Id} [{from}, {to}) through ffmpeg's {decoder} decoder: max abs {stats.MaxAbs:E2}, SNR {stats.SnrDb:F1} dB"));
        Assert.True(stats.MaxAbs <= maxAbs, $"{decoder}: max abs {stats.MaxAbs} at [{from}, {to})");
        Assert.True(stats.SnrDb >= minSnrDb, $"{decoder}: SNR {stats.SnrDb:F1} dB at [{from}, {to})");
    }
}

public sealed class StereoOpusM4aExportTests(StereoOpusFixture fixture, ITestOutputHelper output)
    : OpusM4aExportTests(fixture, output), IClassFixture<StereoOpusFixture>;

public sealed class ResampledMonoOpusM4aExportTests(ResampledMonoOpusFixture fixture, ITestOutputHelper output)
    : OpusM4aExportTests(fixture, output), IClassFixture<ResampledMonoOpusFixture>;

public sealed class SurroundOpusM4aExportTests(SurroundOpusFixture fixture, ITestOutputHelper output)
    : OpusM4aExportTests(fixture, output), IClassFixture<SurroundOpusFixture>;
