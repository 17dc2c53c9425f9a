using System.Text.Json;
using Hark.Testing;

namespace Hark.Cli.Tests;

/// <summary><c>hark import</c> copies AAC-LC sources by default, takes --stream and --station, and refuses what it cannot copy in one line.</summary>
public sealed class PassthroughCliTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-passthrough-cli");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task An_aac_source_is_copied_by_default_with_its_station()
    {
        var m4a = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 7.5, 44100), _dir.File("field.m4a"), "-c:a", "aac", "-b:a", "128k");
        var archive = _dir.File("archive");

        var import = await ProcessRunner.HarkAsync("--archive", archive, "import", m4a, "--station", "North ridge");
        Assert.True(import.ExitCode == 0, import.StandardError);
        Assert.Matches(@"^field: 00:07\.500 \(330750 samples, 44100 Hz, 2 ch\), aac \(copied, not re-encoded\) .*, station North ridge\n$", import.Output);

        var info = JsonDocument.Parse((await ProcessRunner.HarkAsync("--archive", archive, "info", "field", "--json")).Output).RootElement;
        Assert.True(info.GetProperty("passthrough").GetBoolean());
        Assert.Equal("North ridge", info.GetProperty("station").GetString());
        Assert.Equal(1024, info.GetProperty("priming_samples").GetInt32());
    }

    [Fact]
    public async Task An_opus_source_is_copied_by_default_and_reads_back()
    {
        var opus = await AudioGenerator.GenerateAsync("sine=f=523:d=3.5:r=48000", _dir.File("bird.opus"), "-c:a", "libopus", "-b:a", "48k", "-f", "ogg");
        var archive = _dir.File("archive");

        var import = await ProcessRunner.HarkAsync("--archive", archive, "import", opus);
        Assert.True(import.ExitCode == 0, import.StandardError);
        Assert.Matches(@"^bird: 00:03\.500 \(168000 samples, 48000 Hz, 1 ch\), opus \(copied, not re-encoded\)", import.Output);
        var segment = _dir.File("bird.wav");
        Assert.Equal(0, (await ProcessRunner.HarkAsync("--archive", archive, "segment", "bird", "--start", "1", "--duration", "0.5", "-o", segment)).ExitCode);
        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-show_entries", "stream=duration_ts,sample_rate", "-of", "csv=p=0", segment);
        Assert.Equal("48000,24000", probe.Output.Trim());
    }

    [Fact]
    public async Task Copy_of_a_source_that_is_not_aac_lc_is_refused_in_one_line()
    {
        var wav = await AudioGenerator.GenerateAsync("sine=f=440:d=2:r=16000", _dir.File("tone.wav"), "-c:a", "pcm_s16le");
        var archive = _dir.File("archive");

        var import = await ProcessRunner.HarkAsync("--archive", archive, "import", wav, "--codec", "copy");
        Assert.Equal(1, import.ExitCode);
        var line = Assert.Single(import.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("hark:", StringComparison.Ordinal));
        Assert.Equal("hark: --codec copy: tone.wav holds pcm_s16le, not AAC-LC or Opus; use --codec aac, opus or lac", line);
        Assert.DoesNotContain("tone", (await ProcessRunner.HarkAsync("--archive", archive, "ls")).Output);
    }

    [Fact]
    public async Task A_stream_that_does_not_exist_and_a_bad_station_are_refused()
    {
        var two = _dir.File("two.mka");
        await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=f=300:d=2", "-f", "lavfi", "-i", "sine=f=900:d=2",
            "-map", "0:a", "-map", "1:a", "-c:a", "aac", two);
        var archive = _dir.File("archive");

        var missing = await ProcessRunner.HarkAsync("--archive", archive, "import", two, "--stream", "2");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("hark: two.mka has 2 audio streams; stream 2 does not exist (streams count from 0)", missing.StandardError);

        var second = await ProcessRunner.HarkAsync("--archive", archive, "import", two, "--stream", "1", "--id", "second");
        Assert.True(second.ExitCode == 0, second.StandardError);

        var station = await ProcessRunner.HarkAsync("--archive", archive, "import", two, "--station", " padded");
        Assert.Equal(2, station.ExitCode);
        Assert.Contains("--station must be 1-128 characters without control characters or surrounding spaces", station.StandardError);
    }
}
