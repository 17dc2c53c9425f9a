using System.Text.Json;
using Hark.Testing;

namespace Hark.Cli.Tests;

/// <summary>`hark export ID --format m4a` as a process: a range plays exactly what `hark segment` reads; LAC is refused.</summary>
public sealed class M4aExportCliTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-m4a");
    private string Archive => _dir.File("archive");

    public void Dispose() => _dir.Dispose();

    private Task<ProcessResult> HarkAsync(params string[] args) => ProcessRunner.HarkAsync([.. args, "--archive", Archive]);

    [Fact]
    public async Task A_range_export_decodes_to_exactly_the_segment_of_the_same_times()
    {
        var wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 6, 44100), _dir.File("tone.wav"), "-c:a", "pcm_s16le");
        Assert.Equal(0, (await HarkAsync("import", wav, "--id", "tone", "--chunk-seconds", "2")).ExitCode);
        var m4a = _dir.File("range.m4a");
        var export = await HarkAsync("export", "tone", "--format", "m4a", "--from", "1.5", "--to", "00:00:03.25", "-o", m4a);
        Assert.True(export.ExitCode == 0, export.StandardError);

        const int samples = 77175; // (3.25 - 1.5) s at 44.1 kHz, from sample 66150 (1.5 s)
        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,duration_ts", "-of", "json", m4a);
        var stream = JsonDocument.Parse(probe.Output).RootElement.GetProperty("streams")[0];
        Assert.Equal("aac", stream.GetProperty("codec_name").GetString());
        Assert.Equal(samples, stream.GetProperty("duration_ts").GetInt64());

        var segment = _dir.File("range.f32");
        Assert.Equal(0, (await HarkAsync("segment", "tone", "--start-sample", "66150", "--count", $"{samples}", "--format", "f32", "-o", segment)).ExitCode);
        var expected = await File.ReadAllBytesAsync(segment);
        var decoded = (await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-i", m4a, "-f", "f32le", "-")).StandardOutput;
        Assert.Equal(samples * 2 * sizeof(float), expected.Length);
        Assert.Equal(expected.Length, expected.AsSpan().CommonPrefixLength(decoded)); // else: the first byte that differs
    }

    [Fact]
    public async Task The_timecode_is_the_start_time_given_on_import_plus_the_range_start_wrapped_at_midnight()
    {
        var wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 3, 48000), _dir.File("late.wav"), "-c:a", "pcm_s16le");
        Assert.Equal(0, (await HarkAsync("import", wav, "--id", "late", "--start-time", "2026-03-01T23:59:59Z")).ExitCode);
        foreach (var (from, expected) in new[] { ("0", "23:59:59:00"), ("1.5", "00:00:00:25") })
        {
            var m4a = _dir.File($"late-{from}.m4a");
            var export = await HarkAsync("export", "late", "--format", "m4a", "--from", from, "-o", m4a);
            Assert.True(export.ExitCode == 0, export.StandardError);
            var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-select_streams", "d", "-show_entries",
                "stream=codec_tag_string:stream_tags=timecode", "-of", "json", m4a);
            var stream = JsonDocument.Parse(probe.Output).RootElement.GetProperty("streams")[0];
            Assert.Equal("tmcd", stream.GetProperty("codec_tag_string").GetString());
            Assert.Equal(expected, stream.GetProperty("tags").GetProperty("timecode").GetString());
        }
    }

    [Fact]
    public async Task A_lac_recording_is_refused_with_the_reason_and_no_file()
    {
        var wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 1, 22050), _dir.File("lossless.wav"), "-c:a", "pcm_s16le");
        Assert.Equal(0, (await HarkAsync("import", wav, "--id", "lossless", "--codec", "lac")).ExitCode);
        var m4a = _dir.File("lossless.m4a");
        var export = await HarkAsync("export", "lossless", "--format", "m4a", "-o", m4a);
        Assert.Equal(1, export.ExitCode); // ExitCodes.Failure: a request that cannot be served, not a usage mistake
        Assert.Contains("recording lossless is LAC (lossless); M4A carries AAC or Opus: export it as wav", export.StandardError);
        Assert.False(File.Exists(m4a));
    }
}
