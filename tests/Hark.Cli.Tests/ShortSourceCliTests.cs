using System.Text.Json;
using Hark.Testing;

namespace Hark.Cli.Tests;

/// <summary>A WAV cut short of its header's length imports what is there, and the import says so in one line and in the metadata.</summary>
public sealed class ShortSourceCliTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-short-source");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_wav_cut_short_imports_what_is_there_and_warns()
    {
        var whole = await AudioGenerator.GenerateAsync("sine=f=440:d=10:r=32000", _dir.File("whole.wav"), "-c:a", "pcm_s16le");
        var bytes = await File.ReadAllBytesAsync(whole);
        var cut = _dir.File("cut.wav");
        await File.WriteAllBytesAsync(cut, bytes.AsSpan(0, 400_000).ToArray()); // the header still says 10 s

        var archive = _dir.File("archive");
        var import = await ProcessRunner.HarkAsync("--archive", archive, "import", cut, "--id", "cut", "--codec", "lac");
        Assert.True(import.ExitCode == 0, import.StandardError);
        int dataOffset = bytes.Length - 320_000 * 2;
        long present = (400_000 - dataOffset) / 2;
        var warning = Assert.Single(import.Output.Split('\n'), l => l.StartsWith("warning:", StringComparison.Ordinal));
        Assert.Equal($"warning: cut.wav ends {320_000 - present} samples ({FormatSeconds(320_000 - present)}) before the 320000 its header states; " +
                     $"imported the {present} that are there", warning);

        var info = await ProcessRunner.HarkAsync("--archive", archive, "info", "cut", "--json");
        var metadata = JsonDocument.Parse(info.Output).RootElement;
        Assert.Equal(present, metadata.GetProperty("total_samples").GetInt64());
        Assert.Equal(320_000, metadata.GetProperty("declared_samples").GetInt64());
        Assert.Equal(320_000 - present, metadata.GetProperty("shortfall_samples").GetInt64());
    }

    private static string FormatSeconds(long samples)
    {
        var time = TimeSpan.FromSeconds(samples / 32000.0);
        return $"{(int)time.TotalMinutes:00}:{time.Seconds:00}.{time.Milliseconds:000}";
    }
}
