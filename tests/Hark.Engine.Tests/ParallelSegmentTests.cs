using Hark.Engine.Segments;
using Hark.Storage;

namespace Hark.Engine.Tests;

/// <summary>
/// A long segment decodes its batches on several cores at once and writes them in order: the bytes are those of the
/// same read one batch at a time, for every codec and format, and a LAC read is the source exactly.
/// </summary>
public sealed class ParallelSegmentTests
{
    [Theory]
    [InlineData("aac", SegmentFormat.F32)]
    [InlineData("aac", SegmentFormat.Wav)]
    [InlineData("opus", SegmentFormat.S16)]
    [InlineData("lac", SegmentFormat.S16)]
    [InlineData("lac", SegmentFormat.Wav)]
    public async Task A_long_read_on_four_decoders_equals_the_read_on_one(string codec, SegmentFormat format)
    {
        await using var recording = await ImportedRecording.CreateAsync(
            "anoisesrc=c=pink:r=48000:a=0.3:seed=9:d=23,aformat=channel_layouts=stereo", "noise.wav", ["-c:a", "pcm_s16le"],
            new ImportRequest { Id = "long", SourcePath = "", Codec = ImportCodec.Parse(codec), ChunkSeconds = 10 });
        long start = 12_345, count = recording.Metadata.TotalSamples - 2 * start; // 15 batches of 65536 and a part

        var one = await ReadAsync(new SegmentReader(new RecordingCache(recording.Archive)) { ParallelBatches = 1 }, start, count, format);
        var four = await ReadAsync(new SegmentReader(new RecordingCache(recording.Archive)) { ParallelBatches = 4 }, start, count, format);

        Assert.Equal(one.Length, four.Length);
        Assert.True(one.AsSpan().SequenceEqual(four), $"first difference at byte {one.AsSpan().CommonPrefixLength(four)}");
        if (codec == "lac" && format == SegmentFormat.S16)
        {
            var source = (await Hark.Testing.ProcessRunner.RunCheckedAsync("ffmpeg", "-v", "error", "-i", recording.SourcePath, "-f", "s16le", "-")).StandardOutput;
            Assert.True(source.AsSpan((int)(start * 4), (int)(count * 4)).SequenceEqual(four));
        }
    }

    [Fact]
    public async Task A_read_that_fails_midway_fails_whole_and_leaves_no_decode_running()
    {
        await using var recording = await ImportedRecording.CreateAsync(
            "anoisesrc=c=pink:r=48000:a=0.3:seed=9:d=12", "noise.wav", ["-c:a", "pcm_s16le"],
            new ImportRequest { Id = "cut", SourcePath = "", Codec = ImportCodec.Parse("lac"), ChunkSeconds = 10 });
        var reader = new SegmentReader(new RecordingCache(recording.Archive)) { ParallelBatches = 4 };
        using var cancel = new CancellationTokenSource();
        var destination = new CancelAfterWrites(cancel, writes: 2);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            reader.ReadSegmentAsync("cut", 0, recording.Metadata.TotalSamples, SegmentFormat.S16, destination, cancel.Token));
        Assert.Equal(0, reader.Gate.Running);
    }

    private static async Task<byte[]> ReadAsync(SegmentReader reader, long start, long count, SegmentFormat format)
    {
        using var bytes = new MemoryStream();
        await reader.ReadSegmentAsync("long", start, count, format, bytes, CancellationToken.None);
        return bytes.ToArray();
    }

    /// <summary>A client that goes away after a few writes.</summary>
    private sealed class CancelAfterWrites(CancellationTokenSource cancel, int writes) : MemoryStream
    {
        private int _writes;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (++_writes >= writes)
            {
                cancel.Cancel();
            }
            return base.WriteAsync(buffer, cancellationToken);
        }
    }
}
