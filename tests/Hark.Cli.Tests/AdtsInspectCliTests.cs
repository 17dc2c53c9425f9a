using System.Text.Json;
using Hark.Testing;

namespace Hark.Cli.Tests;

/// <summary>Runs `./hark adts inspect` as a process, the way a user does.</summary>
public sealed class AdtsInspectCliTests
{
    [Fact]
    public async Task Json_summary_matches_ffprobe()
    {
        using var dir = new TempDirectory();
        var aac = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 4, 48000), dir.File("a.aac"),
            "-c:a", "aac", "-b:a", "128k", "-f", "adts");
        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-count_packets", "-select_streams", "a:0",
            "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", aac);
        long expectedFrames = long.Parse(probe.Output.Trim());

        var result = await ProcessRunner.HarkAsync("adts", "inspect", aac, "--json", "--frames");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal(expectedFrames, summary.GetProperty("frame_count").GetInt64());
        Assert.Equal(48000, summary.GetProperty("sample_rate").GetInt32());
        Assert.Equal(2, summary.GetProperty("channels").GetInt32());
        Assert.Equal(0, summary.GetProperty("bytes_skipped").GetInt64());
        Assert.Equal(expectedFrames * 1024 / 48000.0, summary.GetProperty("duration_seconds").GetDouble(), 5);
        var frames = json.RootElement.GetProperty("frames");
        Assert.Equal(expectedFrames, frames.GetArrayLength());
        Assert.Equal(2, frames[0].GetProperty("channel_configuration").GetInt32());
        Assert.Equal(0, frames[0].GetProperty("offset").GetInt64());
    }

    [Fact]
    public async Task Text_summary_reports_skipped_garbage()
    {
        using var dir = new TempDirectory();
        var aac = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 2, 44100), dir.File("a.aac"),
            "-c:a", "aac", "-b:a", "96k", "-f", "adts");
        var bytes = await File.ReadAllBytesAsync(aac);
        var damaged = bytes[..2000].Concat(new byte[777]).Concat(bytes[2000..]).ToArray();
        await File.WriteAllBytesAsync(aac, damaged);

        var result = await ProcessRunner.HarkAsync("adts", "inspect", aac);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("sample rate:     44100 Hz", result.Output);
        Assert.Matches(@"bytes skipped:\s+\d+ in 1 resync", result.Output);
    }

    [Fact]
    public async Task Empty_file_is_one_line_error_and_exit_one()
    {
        using var dir = new TempDirectory();
        var empty = dir.File("empty.aac");
        await File.WriteAllBytesAsync(empty, []);

        var result = await ProcessRunner.HarkAsync("adts", "inspect", empty);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no ADTS frames found", line);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public async Task Missing_file_is_exit_one_and_missing_argument_is_exit_two()
    {
        var missing = await ProcessRunner.HarkAsync("adts", "inspect", "/nonexistent/x.aac");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no such file", missing.StandardError);
        Assert.DoesNotContain("   at ", missing.StandardError);

        var usage = await ProcessRunner.HarkAsync("adts", "inspect");
        Assert.Equal(2, usage.ExitCode);
    }

    [Fact]
    public async Task Every_command_has_help()
    {
        foreach (var command in new[] { new[] { "--help" }, ["adts", "--help"], ["adts", "inspect", "--help"], ["demo", "--help"] })
        {
            var result = await ProcessRunner.HarkAsync(command);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("Usage:", result.Output);
        }
    }
}
