using Hark.Engine.Import;
using Hark.Engine.Segments;
using Hark.Storage;
using Hark.Testing;
using Xunit.Abstractions;

namespace Hark.Cli.Tests;

/// <summary>
/// A local archive on a small filesystem of its own (a 24 MiB tmpfs the test mounts) fills up in the middle of an
/// import: the import fails with one clear line, the recording already there is untouched, the half-written
/// generation is gone again, and once space is freed the same command imports the file, equal to a clean import.
/// </summary>
public sealed class DiskFullTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("hark-disk-full");
    private string _mount = "";
    private bool _mounted;

    public async Task InitializeAsync()
    {
        _mount = _dir.File("small-disk");
        Directory.CreateDirectory(_mount);
        var mount = await ProcessRunner.RunAsync("mount", ["-t", "tmpfs", "-o", "size=24m", "tmpfs", _mount]);
        _mounted = mount.ExitCode == 0;
        if (!_mounted)
        {
            output.WriteLine($"mount refused ({mount.StandardError.Trim()}); this test needs to mount a tmpfs (root)");
        }
    }

    public async Task DisposeAsync()
    {
        if (_mounted)
        {
            await ProcessRunner.RunAsync("umount", [_mount]);
        }
        _dir.Dispose();
    }

    [Fact]
    public async Task A_full_disk_fails_the_import_clearly_keeps_what_was_there_and_the_import_runs_again_once_there_is_room()
    {
        if (!_mounted)
        {
            return; // a machine where even root may not mount (a container without CAP_SYS_ADMIN): said in the output
        }
        var archive = Path.Combine(_mount, "archive");
        var small = await AudioGenerator.GenerateAsync("anoisesrc=d=10:c=white:r=48000:a=0.5", _dir.File("small.wav"), "-c:a", "pcm_s16le", "-ac", "2");
        var big = await AudioGenerator.GenerateAsync("anoisesrc=d=60:c=pink:r=48000:a=0.5", _dir.File("big.wav"), "-c:a", "pcm_s16le", "-ac", "2");
        Assert.Equal(0, (await ProcessRunner.HarkAsync("--archive", archive, "import", small, "--id", "small", "--codec", "lac")).ExitCode);
        var smallBefore = await WholeAsync(ArchiveStore.Open(archive), "small");

        // Leave ~6 MiB: room for the big file's encoded chunks in staging, not for them again in the recording.
        var filler = Path.Combine(_mount, "filler");
        var fill = await ProcessRunner.RunAsync("fallocate", ["-l", "17M", filler]);
        Assert.True(fill.ExitCode == 0, fill.StandardError);
        var full = await ProcessRunner.HarkAsync("--archive", archive, "import", big, "--id", "big", "--codec", "lac", "--chunk-seconds", "10");
        output.WriteLine(full.StandardError);
        Assert.Equal(1, full.ExitCode);
        var line = Assert.Single(full.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("hark:", StringComparison.Ordinal));
        Assert.Contains("No space left on device", line);

        Assert.Equal(smallBefore, await WholeAsync(ArchiveStore.Open(archive), "small"));
        var verify = await ProcessRunner.HarkAsync("--archive", archive, "verify", "small");
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.Empty(Directory.GetDirectories(Path.Combine(archive, "recordings", "big"), "g*"));

        File.Delete(filler);
        var again = await ProcessRunner.HarkAsync("--archive", archive, "import", big, "--id", "big", "--codec", "lac", "--chunk-seconds", "10");
        Assert.True(again.ExitCode == 0, again.StandardError);
        var clean = ArchiveStore.Open(_dir.File("clean"));
        await new LocalImporter(new ImportSteps(clean)).ImportAsync(
            new ImportRequest { Id = "big", SourcePath = big, Codec = AudioCodec.Lac, ChunkSeconds = 10 }, 2, null, CancellationToken.None);
        Assert.Equal(await WholeAsync(clean, "big"), await WholeAsync(ArchiveStore.Open(archive), "big"));
    }

    private static async Task<byte[]> WholeAsync(ArchiveStore archive, string id)
    {
        var segments = new SegmentReader(new RecordingCache(archive));
        var meta = await segments.GetRecordingAsync(id, CancellationToken.None);
        using var bytes = new MemoryStream();
        await segments.ReadSegmentAsync(id, 0, meta.TotalSamples, SegmentFormat.S16, bytes, CancellationToken.None);
        return bytes.ToArray();
    }
}
