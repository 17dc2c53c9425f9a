using System.Diagnostics;
using Hark.Storage.Blobs;
using Hark.Storage.Tests.Fixtures;
using Hark.Testing;

namespace Hark.Storage.Tests.Archive;

/// <summary>
/// A real writer process (Hark.Storage.CrashWriter) is killed mid-import; what it left must be invisible to readers
/// and cleaned by the next import, and a replaced recording must survive a kill at the very last write.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _root = new("hark-crash");

    [Fact]
    public async Task A_writer_killed_after_storing_audio_leaves_an_invisible_importing_recording_that_a_new_import_cleans()
    {
        string generation = await RunAndKillAsync("killed", frames: 200, "append");
        var blobs = new LocalDirectoryBlobStore(_root.Path);
        var archive = new ArchiveStore(blobs);
        Assert.NotEmpty(await ListAsync(blobs, $"recordings/killed/{generation}/audio/c/"));

        var e = await Assert.ThrowsAsync<RecordingNotFoundException>(() => archive.OpenRecordingAsync("killed", None));
        Assert.Equal(RecordingPhase.Importing, e.State);
        Assert.Equal(RecordingPhase.Importing, Assert.Single(await archive.ListRecordingsAsync(None)).State);

        var frames = FrameSource.Frames(25, seed: 1);
        await using (var writer = await archive.CreateRecordingAsync(FrameSource.Metadata("killed"), replace: true, None))
        {
            foreach (var frame in frames)
            {
                await writer.AppendFrameAsync(frame, None);
            }
            await writer.CommitAsync(FrameSource.Metadata("killed", FrameSource.TotalSamplesFor(25)), None);
        }
        Assert.Empty(await ListAsync(blobs, $"recordings/killed/{generation}/"));
        var reader = await archive.OpenRecordingAsync("killed", None);
        var bytes = new byte[reader.AudioBytes];
        await reader.ReadFramesAsync(0, 25, bytes, None);
        Assert.Equal(frames.SelectMany(f => f).ToArray(), bytes);
    }

    [Fact]
    public async Task A_replacement_killed_at_its_commit_write_leaves_the_old_recording_readable_and_unchanged()
    {
        var blobs = new LocalDirectoryBlobStore(_root.Path);
        var archive = new ArchiveStore(blobs);
        var frames = FrameSource.Frames(70, seed: 2);
        RecordingMetadata old;
        await using (var writer = await archive.CreateRecordingAsync(FrameSource.Metadata("precious"), replace: false, None))
        {
            foreach (var frame in frames)
            {
                await writer.AppendFrameAsync(frame, None);
            }
            old = await writer.CommitAsync(FrameSource.Metadata("precious", FrameSource.TotalSamplesFor(70)), None);
        }

        // The child stores all audio and the whole index of a replacement, then dies on the flip to complete.
        string generation = await RunAndKillAsync("precious", frames: 300, "commit", replace: true);
        Assert.NotEmpty(await ListAsync(blobs, $"recordings/precious/{generation}/index/frame_sizes/"));

        var after = new ArchiveStore(blobs);
        Assert.Equal(old, await after.FindRecordingAsync("precious", None));
        var reader = await after.OpenRecordingAsync("precious", None);
        Assert.NotEqual(generation, reader.Generation);
        var bytes = new byte[reader.AudioBytes];
        await reader.ReadFramesAsync(0, 70, bytes, None);
        Assert.Equal(frames.SelectMany(f => f).ToArray(), bytes);
        Assert.True((await after.VerifyRecordingAsync("precious", null, None)).Valid);
    }

    private async Task<string> RunAndKillAsync(string id, int frames, string mode, bool replace = false)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "Hark.Storage.CrashWriter.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { program, _root.Path, id, frames.ToString(System.Globalization.CultureInfo.InvariantCulture), mode })
        {
            start.ArgumentList.Add(argument);
        }
        if (replace)
        {
            start.ArgumentList.Add("replace");
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the writer");
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(limit.Token);
                if (line is null)
                {
                    throw new InvalidOperationException($"the writer exited before it was ready: {await errors}");
                }
                if (line.StartsWith("READY ", StringComparison.Ordinal))
                {
                    return line["READY ".Length..];
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true); // SIGKILL: no finally blocks, no flushes in the child
            await process.WaitForExitAsync();
        }
    }

    private static Task<List<string>> ListAsync(IBlobStore store, string prefix) => BlobKeys.ListAsync(store, prefix);

    public void Dispose() => _root.Dispose();
}
