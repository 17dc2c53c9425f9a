using Hark.Messages;

namespace Hark.Messages.Tests;

public sealed class SegmentChunkWriterTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    [Fact]
    public async Task Large_segment_leaves_only_in_chunks_of_at_most_64_KB_that_reassemble_to_the_input()
    {
        var segment = new byte[5 * 1024 * 1024 + 12345];
        new Random(3).NextBytes(segment);
        var sent = new List<SegmentChunk>();
        var id = Guid.NewGuid();
        var writer = new SegmentChunkWriter(id, c => { sent.Add(c); return ValueTask.CompletedTask; });

        // Odd write sizes, as a WAV header plus batches of samples would arrive.
        int position = 0;
        foreach (int size in Enumerable.Repeat(new[] { 44, 70_000, 1, 300_001 }, 100).SelectMany(s => s))
        {
            int n = Math.Min(size, segment.Length - position);
            await writer.WriteAsync(segment.AsMemory(position, n));
            position += n;
        }
        await writer.WriteAsync(segment.AsMemory(position));
        var completed = await writer.CompleteAsync();

        Assert.All(sent, c => Assert.True(c.Data.Length <= SegmentChunk.MaxBytes));
        Assert.All(sent, c => Assert.True(fixture.Serializer.ToBinary(c).Length <= SegmentChunk.MaxBytes + 32));
        Assert.Equal(Enumerable.Range(0, sent.Count), sent.Select(c => c.Sequence));
        Assert.All(sent, c => Assert.Equal(id, c.RequestId));
        Assert.Equal(segment, sent.SelectMany(c => c.Data.ToArray()).ToArray());
        Assert.Equal(new SegmentCompleted(id, sent.Count, segment.Length), completed);
    }

    [Fact]
    public async Task Writer_waits_for_the_sender_so_a_slow_asker_holds_the_reader_back()
    {
        var gate = new TaskCompletionSource();
        int sends = 0;
        var writer = new SegmentChunkWriter(Guid.NewGuid(), async _ =>
        {
            Interlocked.Increment(ref sends);
            await gate.Task;
        }, chunkBytes: 4);

        var writing = writer.WriteAsync(new byte[12]).AsTask();

        Assert.False(writing.IsCompleted);
        Assert.Equal(1, Volatile.Read(ref sends));
        gate.SetResult();
        await writing;
        Assert.Equal(3, sends);
    }

    [Fact]
    public async Task Short_segment_is_one_chunk_and_empty_one_is_none()
    {
        var sent = new List<SegmentChunk>();
        ValueTask Send(SegmentChunk c)
        {
            sent.Add(c);
            return ValueTask.CompletedTask;
        }
        var writer = new SegmentChunkWriter(Guid.NewGuid(), Send);
        writer.Write([1, 2, 3], 0, 3);
        writer.Flush();
        Assert.Empty(sent);
        Assert.Equal(1, (await writer.CompleteAsync()).ChunkCount);
        Assert.Equal([1, 2, 3], sent.Single().Data.ToArray());

        var none = await new SegmentChunkWriter(Guid.NewGuid(), Send).CompleteAsync();
        Assert.Equal(0, none.ChunkCount);
    }
}
