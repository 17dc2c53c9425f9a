using System.Diagnostics;
using Hark.Testing;

namespace Hark.Cli.Tests.TiffArchive;

/// <summary>
/// <c>hark archive tiff</c> killed part way, then run again with <c>--resume</c>: the finished TIFFs are kept, the
/// half-written one is redone, and the manifest and every embedded FLAC are those of an uninterrupted run.
/// </summary>
public sealed class TiffArchiveResumeTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-tiff-resume");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_killed_run_resumed_gives_the_manifest_and_flac_bytes_of_an_uninterrupted_run()
    {
        var source = await TiffOracle.GenerateAsync(_dir.File("long.wav"), 48000, 2, 1_440_011, "pcm_s24le");
        string[] arguments = ["archive", "tiff", source, "--chunk-hours", "0.00083334", "--jobs", "1", "--compression-level", "8"];
        var whole = _dir.File("whole");
        var uninterrupted = await ProcessRunner.HarkAsync([.. arguments, "--out", whole]);
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.StandardError);

        var resumed = _dir.File("resumed");
        var start = new ProcessStartInfo(RepoPaths.HarkScript) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[.. arguments, "--out", resumed])
        {
            start.ArgumentList.Add(argument);
        }
        using (var process = Process.Start(start)!)
        {
            // Wait for three chunks to be done, then kill it while it writes the next.
            int done = 0;
            while (done < 3 && await process.StandardOutput.ReadLineAsync() is { } line)
            {
                done += line.EndsWith(": written", StringComparison.Ordinal) ? 1 : 0;
            }
            Assert.Equal(3, done);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var manifestAfterKill = TiffOracle.Manifest(resumed);
        Assert.InRange(manifestAfterKill.GetProperty("files")[0].GetProperty("chunks").GetArrayLength(), 3, 10);

        var resume = await ProcessRunner.HarkAsync([.. arguments, "--out", resumed, "--resume"]);
        Assert.True(resume.ExitCode == 0, resume.StandardError);
        Assert.True(resume.Output.Split('\n').Count(l => l.EndsWith(": kept", StringComparison.Ordinal)) >= 3, resume.Output);
        Assert.Contains(": written", resume.Output);
        Assert.Empty(Directory.GetFiles(resumed, "*.partial"));

        Assert.Equal(File.ReadAllText(Path.Combine(whole, "manifest.json")), File.ReadAllText(Path.Combine(resumed, "manifest.json")));
        var a = await TiffOracle.ReadAsync(whole, _dir.File("oracle-whole"));
        var b = await TiffOracle.ReadAsync(resumed, _dir.File("oracle-resumed"));
        Assert.Equal(11, a.Count);
        foreach (var (x, y) in a.Zip(b))
        {
            Assert.True(x.ShaOk && y.ShaOk);
            Assert.Equal(await File.ReadAllBytesAsync(x.FlacPath), await File.ReadAllBytesAsync(y.FlacPath));
        }
    }
}
