using System.Runtime.InteropServices;
using System.Text.Json;
using Hark.Testing;

namespace Hark.Cli.Tests;

/// <summary>Three recordings of one station with a gap and an overlap, listed by time and exported as one file.</summary>
public sealed class StationFixture : IAsyncLifetime
{
    public TempDirectory Directory { get; } = new("hark-station");
    public string Archive => Directory.File("archive");

    public Task<ProcessResult> HarkAsync(params string[] args) => ProcessRunner.HarkAsync([.. args, "--archive", Archive]);

    public async Task InitializeAsync()
    {
        // a 10:00:00-10:00:10, b 10:00:15.5-10:00:23.5, c 10:00:20-10:00:26 (overlaps b), other station at 10:00:05.
        // Noise, not tones: a tone matches itself a period away, noise only where it is.
        (string Id, int Seed, double Seconds, string Start, string Station)[] recordings =
        [
            ("a", 1, 10, "2026-05-01T10:00:00Z", "s1"), ("b", 2, 8, "2026-05-01T10:00:15.5Z", "s1"),
            ("c", 3, 6, "2026-05-01T10:00:20Z", "s1"), ("x", 4, 4, "2026-05-01T10:00:05Z", "s2"),
        ];
        foreach (var (id, seed, seconds, start, station) in recordings)
        {
            var source = await AudioGenerator.GenerateAsync($"anoisesrc=d={seconds}:c=pink:r=48000:a=0.3:seed={seed}", Directory.File(id + ".m4a"),
                "-c:a", "aac", "-aac_pns", "0", "-b:a", "96k");
            var import = await HarkAsync("import", source, "--station", station, "--start-time", start);
            Assert.True(import.ExitCode == 0, import.StandardError);
        }
    }

    public Task DisposeAsync()
    {
        Directory.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class StationCliTests(StationFixture station) : IClassFixture<StationFixture>
{
    private const string From = "2026-05-01T09:59:58Z";
    private const string To = "2026-05-01T10:00:30Z";
    private const int Rate = 48000;

    [Fact]
    public async Task Ls_lists_a_stations_recordings_overlapping_a_range_in_time_order()
    {
        var all = await station.HarkAsync("ls", "--station", "s1");
        Assert.Equal(["a", "b", "c"], Ids(all.Output));
        Assert.Contains("2026-05-01T10:00:15.500Z     2026-05-01T10:00:23.500Z", all.Output);

        Assert.Equal(["b", "c"], Ids((await station.HarkAsync("ls", "--station", "s1", "--from", "2026-05-01T10:00:12Z")).Output));
        Assert.Equal(["a", "x"], Ids((await station.HarkAsync("ls", "--from", "2026-05-01T10:00:04Z", "--to", "2026-05-01T10:00:06Z")).Output));
        var backwards = await station.HarkAsync("ls", "--station", "s1", "--from", "2026-05-01T11:00:00Z", "--to", "2026-05-01T10:00:00Z");
        Assert.Equal(2, backwards.ExitCode);
    }

    [Fact]
    public async Task A_wav_export_holds_each_recordings_samples_at_its_time_and_silence_between()
    {
        var wav = station.Directory.File("s1.wav");
        var export = await station.HarkAsync("export", "--station", "s1", "--from", From, "--to", To, "--format", "wav", "-o", wav);
        Assert.True(export.ExitCode == 0, export.StandardError);
        Assert.Contains("station s1: 2026-05-01T09:59:58.000Z to 2026-05-01T10:00:30.000Z, 1536000 samples, 3 recordings, 3 gaps (11.500 s of silence)", export.Output);
        Assert.Contains("  recording  2026-05-01T10:00:23.500Z         2.500 s  c from sample 168000", export.Output);

        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-show_entries", "stream=duration_ts,sample_rate,channels", "-of", "json", wav);
        var stream = JsonDocument.Parse(probe.Output).RootElement.GetProperty("streams")[0];
        Assert.Equal(32 * Rate, stream.GetProperty("duration_ts").GetInt64());
        var samples = await DecodeAsync(wav);
        Assert.Equal(32 * Rate, samples.Length);

        // Where each recording sits, its samples are exactly what `hark segment` reads; gaps are digital silence.
        Assert.Equal(await SegmentAsync("a", 0, 10 * Rate), samples.AsSpan(2 * Rate, 10 * Rate).ToArray());
        Assert.Equal(await SegmentAsync("b", 0, 8 * Rate), samples.AsSpan(17 * Rate + Rate / 2, 8 * Rate).ToArray());
        Assert.Equal(await SegmentAsync("c", 168_000, 120_000), samples.AsSpan(25 * Rate + Rate / 2, 120_000).ToArray());
        foreach (var (start, count) in new[] { (0, 2 * Rate), (12 * Rate, 5 * Rate + Rate / 2), (28 * Rate, 4 * Rate) })
        {
            Assert.All(samples.AsSpan(start, count).ToArray(), s => Assert.Equal(0f, s));
        }
    }

    [Fact]
    public async Task An_m4a_export_keeps_the_timeline_in_stored_frames_with_the_gaps_in_its_metadata()
    {
        var m4a = station.Directory.File("s1.m4a");
        var export = await station.HarkAsync("export", "--station", "s1", "--from", From, "--to", To, "--format", "m4a", "-o", m4a);
        Assert.True(export.ExitCode == 0, export.StandardError);
        Assert.Matches(@"recordings after the first sit within \d+ samples", export.Output);

        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-show_entries", "stream=codec_tag_string,duration_ts:stream_tags=timecode", "-of", "json", m4a);
        var streams = JsonDocument.Parse(probe.Output).RootElement.GetProperty("streams");
        Assert.Equal("mp4a", streams[0].GetProperty("codec_tag_string").GetString());
        Assert.Equal(32 * Rate, streams[0].GetProperty("duration_ts").GetInt64());
        Assert.Equal("09:59:58:00", streams[0].GetProperty("tags").GetProperty("timecode").GetString());
        var tags = await ProcessRunner.RunCheckedAsync("exiftool", "-s", "-Gaps", "-Station", "-Recordings", m4a);
        Assert.Contains("2026-05-01T09:59:58.000Z +2.000 s; 2026-05-01T10:00:10.000Z +5.500 s; 2026-05-01T10:00:26.000Z +4.000 s", tags.Output);
        Assert.Contains("Recordings                      : a, b, c", tags.Output);

        // Each recording's tone sits within half a frame of its place on the clock; the gaps are silent.
        var decoded = await DecodeAsync(m4a);
        foreach (var (id, place, count) in new[] { ("a", 2 * Rate, 10 * Rate), ("b", 17 * Rate + Rate / 2, 8 * Rate) })
        {
            var expected = await SegmentAsync(id, 0, count);
            int lag = BestLag(expected, decoded, place, 2048, 4096, 600);
            Assert.InRange(Math.Abs(lag), 0, 512);
        }
        Assert.True(Rms(decoded.AsSpan(12 * Rate + 2048, 5 * Rate - 4096)) < 1e-4);
        Assert.True(Rms(decoded.AsSpan(28 * Rate + 2048, 4 * Rate - 4096)) < 1e-4);
    }

    [Fact]
    public async Task An_opus_station_exports_as_m4a_with_opus_silence_in_the_gap()
    {
        foreach (var (id, seed, start) in new[] { ("op1", 7, "2026-05-02T06:00:00Z"), ("op2", 8, "2026-05-02T06:00:06.25Z") })
        {
            var wav = await AudioGenerator.GenerateAsync($"anoisesrc=d=4:c=pink:r=48000:a=0.3:seed={seed}", station.Directory.File(id + ".wav"), "-c:a", "pcm_s16le");
            var import = await station.HarkAsync("import", wav, "--codec", "opus", "--station", "op", "--start-time", start);
            Assert.True(import.ExitCode == 0, import.StandardError);
        }
        var m4a = station.Directory.File("op.m4a");
        var export = await station.HarkAsync("export", "--station", "op", "--from", "2026-05-02T06:00:00Z", "--to", "2026-05-02T06:00:12Z", "--format", "m4a", "-o", m4a);
        Assert.True(export.ExitCode == 0, export.StandardError);
        Assert.Contains("2 recordings, 2 gaps (4.000 s of silence)", export.Output);

        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name,duration_ts", "-of", "json", m4a);
        var stream = JsonDocument.Parse(probe.Output).RootElement.GetProperty("streams")[0];
        Assert.Equal("opus", stream.GetProperty("codec_name").GetString());
        Assert.Equal(12 * Rate, stream.GetProperty("duration_ts").GetInt64());

        var decoded = await DecodeAsync(m4a);
        // op1 is exact (the edit list starts the file with it); op2 sits within half a packet of 06:00:06.25.
        var first = await SegmentAsync("op1", 0, 4 * Rate);
        Assert.Equal(0, BestLag(first, decoded, 0, 24_000, 4096, 600));
        int lag = BestLag(await SegmentAsync("op2", 0, 4 * Rate), decoded, 6 * Rate + Rate / 4, 24_000, 4096, 600);
        Assert.InRange(Math.Abs(lag), 0, 480);
        // Silence in the gaps, away from the joins where the decoder fades out.
        Assert.True(Rms(decoded.AsSpan(4 * Rate + 4800, 2 * Rate - 9600)) < 1e-3);
        Assert.True(Rms(decoded.AsSpan(10 * Rate + Rate / 4 + 4800, Rate + Rate / 2)) < 1e-3);
    }

    [Fact]
    public async Task Segment_station_reads_every_recording_covering_a_moment_into_one_file_each()
    {
        var dir = station.Directory.File("moment");
        var read = await station.HarkAsync("segment", "--station", "s1", "--at", "2026-05-01T10:00:21Z", "--duration", "1.5", "--format", "f32", "-o", dir);
        Assert.True(read.ExitCode == 0, read.StandardError);
        Assert.Equal(["b: samples 264000+72000 (1.500 s) -> " + Path.Combine(dir, "b.f32"), "c: samples 48000+72000 (1.500 s) -> " + Path.Combine(dir, "c.f32")],
            read.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(await SegmentAsync("b", 264_000, 72_000), MemoryMarshal.Cast<byte, float>(await File.ReadAllBytesAsync(Path.Combine(dir, "b.f32"))).ToArray());
        Assert.Equal(await SegmentAsync("c", 48_000, 72_000), MemoryMarshal.Cast<byte, float>(await File.ReadAllBytesAsync(Path.Combine(dir, "c.f32"))).ToArray());

        var none = await station.HarkAsync("segment", "--station", "s1", "--at", "2026-05-01T10:00:12Z", "--duration", "1", "-o", dir);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("hark: no complete recording of station s1 covers 2026-05-01T10:00:12.000Z", none.StandardError);
    }

    [Fact]
    public async Task An_empty_range_and_a_range_without_an_end_are_refused()
    {
        var empty = await station.HarkAsync("export", "--station", "s1", "--from", "2026-05-02T00:00:00Z", "--to", "2026-05-02T01:00:00Z", "--format", "wav",
            "-o", station.Directory.File("none.wav"));
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("hark: station s1 has no complete recording between 2026-05-02T00:00:00.000Z and 2026-05-02T01:00:00.000Z", empty.StandardError);
        Assert.False(File.Exists(station.Directory.File("none.wav")));

        var usage = await station.HarkAsync("export", "--station", "s1", "--from", From, "--format", "wav", "-o", station.Directory.File("open.wav"));
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--station needs --from and --to", usage.StandardError);
    }

    private static List<string> Ids(string listing) =>
        [.. listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')[0])];

    private async Task<float[]> SegmentAsync(string id, long start, int count)
    {
        var path = station.Directory.File($"{id}-{start}-{count}.f32");
        var read = await station.HarkAsync("segment", id, "--start-sample", $"{start}", "--count", $"{count}", "--format", "f32", "-o", path);
        Assert.True(read.ExitCode == 0, read.StandardError);
        return MemoryMarshal.Cast<byte, float>(await File.ReadAllBytesAsync(path)).ToArray();
    }

    private static async Task<float[]> DecodeAsync(string path) =>
        MemoryMarshal.Cast<byte, float>((await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-i", path, "-f", "f32le", "-")).StandardOutput).ToArray();

    /// <summary>The shift of <paramref name="expected"/>'s stretch [offset, offset + count) that best matches <paramref name="decoded"/> at <paramref name="place"/>.</summary>
    private static int BestLag(float[] expected, float[] decoded, int place, int offset, int count, int maxLag)
    {
        int best = 0;
        double bestSum = double.MinValue;
        for (int lag = -maxLag; lag <= maxLag; lag++)
        {
            double sum = 0;
            for (int i = offset; i < offset + count; i++)
            {
                sum += expected[i] * decoded[place + i + lag];
            }
            if (sum > bestSum)
            {
                (bestSum, best) = (sum, lag);
            }
        }
        return best;
    }

    private static double Rms(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (float s in samples)
        {
            sum += s * s;
        }
        return Math.Sqrt(sum / samples.Length);
    }
}
