namespace Hark.Messages;

/// <summary>
/// A write-only stream that cuts what is written into <see cref="SegmentChunk"/> messages of at most
/// <see cref="SegmentChunk.MaxBytes"/> and hands each to <paramref name="send"/> as soon as it is full, so a segment
/// of any length leaves the reader in bounded pieces. <paramref name="send"/> may wait (for the asker's credit):
/// the writer then waits too, which is how a slow asker slows the reader. <see cref="CompleteAsync"/> sends the
/// partial last piece.
/// </summary>
public sealed class SegmentChunkWriter(Guid requestId, Func<SegmentChunk, ValueTask> send, int chunkBytes = SegmentChunk.MaxBytes) : Stream
{
    private byte[] _buffer = new byte[chunkBytes];
    private int _filled;

    public int ChunksSent { get; private set; }
    public long BytesSent { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesSent + _filled; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            int n = Math.Min(buffer.Length, _buffer.Length - _filled);
            buffer[..n].CopyTo(_buffer.AsMemory(_filled));
            _filled += n;
            buffer = buffer[n..];
            if (_filled == _buffer.Length)
            {
                await SendBufferAsync();
            }
        }
    }

    /// <summary>Flushing does not send a partial chunk: only full chunks and the last one travel.</summary>
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Sends whatever is buffered; returns the completion message for the asker.</summary>
    public async ValueTask<SegmentCompleted> CompleteAsync()
    {
        if (_filled > 0)
        {
            await SendBufferAsync();
        }
        return new SegmentCompleted(requestId, ChunksSent, BytesSent);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private async ValueTask SendBufferAsync()
    {
        // The message keeps the array: start a new one rather than overwrite what was sent.
        var chunk = new SegmentChunk(requestId, ChunksSent, _buffer.AsMemory(0, _filled));
        ChunksSent++;
        BytesSent += _filled;
        await send(chunk);
        _buffer = new byte[_buffer.Length];
        _filled = 0;
    }
}
