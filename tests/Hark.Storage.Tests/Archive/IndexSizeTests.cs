using Hark.Storage.Blobs;
using Hark.Storage.Tests.Fixtures;
using Hark.Testing;
using Xunit.Abstractions;

namespace Hark.Storage.Tests.Archive;

/// <summary>The stored index of a one-hour AAC recording costs under 1 % of its audio and answers every lookup.</summary>
public sealed class IndexSizeTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _root = new("hark-index-size");

    [Fact]
    public async Task One_hour_of_aac_has_an_index_under_one_percent_and_exact_lookups()
    {
        const int sampleRate = 44_100;
        int frameCount = (int)(3600L * sampleRate / 1024); // 155,039 frames
        var random = new Random(3600);
        var sizes = new int[frameCount];
        var archive = new ArchiveStore(new LocalDirectoryBlobStore(_root.Path, durable: false));
        await using (var writer = await archive.CreateRecordingAsync(FrameSource.Metadata("hour"), replace: false, CancellationToken.None))
        {
            var frame = new byte[8192];
            for (int i = 0; i < frameCount; i++)
            {
                sizes[i] = FrameSource.Size(random, 460, 60);
                frame[0] = (byte)i; // content is irrelevant to the index; a marker per frame checks the reads below
                await writer.AppendFrameAsync(frame.AsMemory(0, sizes[i]), CancellationToken.None);
            }
            await writer.CommitAsync(FrameSource.Metadata("hour", FrameSource.TotalSamplesFor(frameCount)), CancellationToken.None);
        }

        var reader = await new ArchiveStore(archive.Blobs).OpenRecordingAsync("hour", CancellationToken.None);
        double ratio = (double)reader.IndexBytes / reader.AudioBytes;
        output.WriteLine($"frames {frameCount}, audio {reader.AudioBytes} B, index {reader.IndexBytes} B stored " +
                         $"({(double)reader.IndexBytes / frameCount:F2} B/frame, {ratio:P3} of audio), in memory {reader.Index.MemoryBytes} B");
        Assert.True(ratio < 0.01, $"index is {ratio:P3} of the audio");

        await reader.Index.EnsureAllAsync(CancellationToken.None);
        long offset = 0;
        for (int i = 0; i < frameCount; i++)
        {
            Assert.Equal(offset, reader.Index.FrameOffset(i));
            Assert.Equal(sizes[i], reader.Index.FrameSize(i));
            Assert.Equal(i, reader.Index.FrameOfSample(reader.Index.FirstSampleOfFrame(i) + 1023));
            offset += sizes[i];
        }
        Assert.Equal(offset, reader.AudioBytes);

        // A few reads land on the right frames (their first byte is the frame number's low byte).
        foreach (int i in new[] { 0, 1, 2047, 2048, frameCount / 2, frameCount - 1 })
        {
            var bytes = new byte[sizes[i]];
            await reader.ReadFramesAsync(i, 1, bytes, CancellationToken.None);
            Assert.Equal((byte)i, bytes[0]);
        }
    }

    public void Dispose() => _root.Dispose();
}
