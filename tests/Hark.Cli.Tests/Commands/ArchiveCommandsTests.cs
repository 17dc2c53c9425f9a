using Hark.Storage;
using Hark.Testing;

namespace Hark.Cli.Tests.Commands;

/// <summary>Runs the real ./hark against an archive written through the storage API.</summary>
public sealed class ArchiveCommandsTests : IDisposable
{
    private readonly TempDirectory _archive = new("hark-cli-archive");

    private async Task<string> ImportAsync(string id)
    {
        var archive = new ArchiveStore(BlobStoreLocation.Open(_archive.Path), new ArchiveOptions { AudioChunkBytes = 2048 });
        var metadata = new RecordingMetadata { Id = id, Codec = AudioCodec.Aac, SampleRate = 44_100, Channels = 1 };
        await using var writer = await archive.CreateRecordingAsync(metadata, replace: false, CancellationToken.None);
        var random = new Random(1);
        for (int i = 0; i < 40; i++)
        {
            var frame = new byte[400];
            random.NextBytes(frame);
            await writer.AppendFrameAsync(frame, CancellationToken.None);
        }
        await writer.CommitAsync(metadata with { TotalSamples = 40 * 1024 - 1024 }, CancellationToken.None);
        return writer.Generation;
    }

    [Fact]
    public async Task Verify_reports_ok_then_names_a_corrupt_chunk()
    {
        var generation = await ImportAsync("song");
        var ok = await ProcessRunner.HarkAsync("--archive", _archive.Path, "verify", "song");
        Assert.True(ok.ExitCode == 0, ok.StandardError);
        Assert.Contains("song: ok (40 frames, 16000 audio bytes in 8 chunks", ok.Output);

        var chunk = Path.Combine(_archive.Path, "recordings", "song", generation, "audio", "c", "3");
        var bytes = await File.ReadAllBytesAsync(chunk);
        bytes[10] ^= 1;
        await File.WriteAllBytesAsync(chunk, bytes);
        var bad = await ProcessRunner.HarkAsync("--archive", _archive.Path, "verify", "song");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("audio chunk 3 is corrupt: CRC-32C mismatch", bad.Output);
    }

    [Fact]
    public async Task Rm_deletes_and_then_reports_the_recording_missing()
    {
        await ImportAsync("old");
        var rm = await ProcessRunner.HarkAsync("--archive", _archive.Path, "rm", "old");
        Assert.True(rm.ExitCode == 0, rm.StandardError);
        Assert.False(Directory.Exists(Path.Combine(_archive.Path, "recordings", "old")));
        var again = await ProcessRunner.HarkAsync("--archive", _archive.Path, "rm", "old");
        Assert.Equal(1, again.ExitCode);
        Assert.Equal("hark: recording old not found", again.StandardError.Trim());
    }

    [Fact]
    public async Task Invalid_ids_are_usage_errors()
    {
        var result = await ProcessRunner.HarkAsync("--archive", _archive.Path, "verify", "../etc");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("invalid recording id", result.StandardError);
    }

    public void Dispose() => _archive.Dispose();
}
