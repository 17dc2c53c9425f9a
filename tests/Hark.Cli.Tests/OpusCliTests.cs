using System.Text.Json;
using Hark.Testing;

namespace Hark.Cli.Tests;

/// <summary>`hark import --codec opus` as a process: info says what was stored, an M4A range decodes (libopus) to the segment.</summary>
public sealed class OpusCliTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-opus-cli");
    private string Archive => _dir.File("archive");

    public void Dispose() => _dir.Dispose();

    private Task<ProcessResult> HarkAsync(params string[] args) => ProcessRunner.HarkAsync([.. args, "--archive", Archive]);

    [Fact]
    public async Task An_opus_import_reports_48_kHz_and_its_m4a_range_decodes_to_the_segment()
    {
        var wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 6, 22050), _dir.File("tone.wav"), "-c:a", "pcm_s16le");
        var import = await HarkAsync("import", wav, "--id", "tone", "--codec", "opus", "--bitrate", "48k", "--chunk-seconds", "2");
        Assert.True(import.ExitCode == 0, import.StandardError);
        var info = JsonDocument.Parse((await HarkAsync("info", "tone", "--json")).Output).RootElement;
        Assert.Equal("opus", info.GetProperty("codec").GetString());
        Assert.Equal(48000, info.GetProperty("sample_rate").GetInt32());
        Assert.Equal(22050, info.GetProperty("source_sample_rate").GetInt32());
        Assert.StartsWith("libopus 1.", info.GetProperty("encoder").GetString());
        Assert.EndsWith(" 48k", info.GetProperty("encoder").GetString());

        var m4a = _dir.File("range.m4a");
        var export = await HarkAsync("export", "tone", "--format", "m4a", "--from", "1.5", "--to", "00:00:03.25", "-o", m4a);
        Assert.True(export.ExitCode == 0, export.StandardError);
        const int samples = 84000; // (3.25 - 1.5) s at 48 kHz, from sample 72000
        var segment = _dir.File("range.f32");
        Assert.Equal(0, (await HarkAsync("segment", "tone", "--start-sample", "72000", "--count", $"{samples}", "--format", "f32", "-o", segment)).ExitCode);
        var expected = await File.ReadAllBytesAsync(segment);
        // ffmpeg's libopus from the file's first packet is the segment reader's decode: the same values.
        var decoded = (await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-c:a", "libopus", "-request_sample_fmt", "flt",
            "-i", m4a, "-f", "f32le", "-")).StandardOutput;
        Assert.Equal(samples * sizeof(float), expected.Length);
        Assert.Equal(expected.Length, expected.AsSpan().CommonPrefixLength(decoded));

        var adts = await HarkAsync("export", "tone", "--format", "adts", "-o", _dir.File("x.aac"));
        Assert.Equal(1, adts.ExitCode);
        Assert.Contains("recording tone is Opus; ADTS carries AAC only: export it as m4a or wav", adts.StandardError);
    }
}
