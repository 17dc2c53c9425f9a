using Hark.Testing;

namespace Hark.Cli.Tests;

/// <summary>
/// A source that decodes far longer than its probe said (an ADTS stream whose first seconds are 256 kbit/s and the
/// rest 16 kbit/s: ffprobe estimates ~47 s from the first frames' bitrate, the stream holds 310 s) cannot grow
/// staging without limit: the import stops with one line saying why, and the archive keeps nothing of it.
/// </summary>
public sealed class OverlongSourceCliTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-overlong");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_source_far_longer_than_its_probe_is_refused_in_one_line()
    {
        var loud = await AudioGenerator.GenerateAsync("anoisesrc=d=10:r=32000:a=0.5", _dir.File("loud.aac"), "-c:a", "aac", "-b:a", "256k", "-f", "adts");
        var quiet = await AudioGenerator.GenerateAsync("sine=f=440:d=300:r=32000", _dir.File("quiet.aac"), "-c:a", "aac", "-b:a", "16k", "-f", "adts");
        var liar = _dir.File("liar.aac");
        await File.WriteAllBytesAsync(liar, [.. await File.ReadAllBytesAsync(loud), .. await File.ReadAllBytesAsync(quiet)]);
        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", liar);
        Assert.True(double.Parse(probe.Output, System.Globalization.CultureInfo.InvariantCulture) < 100, $"ffprobe now says {probe.Output}: the premise changed");

        var archive = _dir.File("archive");
        var import = await ProcessRunner.HarkAsync("--archive", archive, "import", liar, "--id", "liar", "--codec", "aac");
        Assert.Equal(1, import.ExitCode);
        // Progress lines go to stderr too; the error is the one line that says "hark:".
        var line = Assert.Single(import.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("hark:", StringComparison.Ordinal));
        Assert.Matches(@"^hark: liar\.aac decodes to more than \d+ samples, longer than its probe said \(an estimate\) or its size can hold; refused$", line);
        var list = await ProcessRunner.HarkAsync("--archive", archive, "ls");
        Assert.DoesNotContain("complete", list.Output);

        // Copied instead of decoded, the stream cannot amplify: every stored byte is a byte of the file. All of it is kept.
        var copied = await ProcessRunner.HarkAsync("--archive", archive, "import", liar, "--id", "liar");
        Assert.Equal(0, copied.ExitCode);
        Assert.Matches(@"^liar: 05:10\.\d{3} \(\d+ samples, 32000 Hz, 1 ch\), aac \(copied, not re-encoded\)", copied.Output);
    }
}
