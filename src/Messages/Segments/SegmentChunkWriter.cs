namespace Hark.Messages;

/// <summary>
/// A write-only stream that cuts what is written into <see cref="SegmentChunk"/> messages of at most
/// <see cref="SegmentChunk.MaxBytes"/> and hands each to <paramref name="send"/> as soon as it is full, so a segment
/// of any length leaves the reader in bounded pieces. <see cref="Complete"/> sends the partial last piece.
/// </summary>
public sealed class SegmentChunkWriter(Guid requestId, Action<SegmentChunk> send, int chunkBytes = SegmentChunk.MaxBytes) : Stream
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

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            int n = Math.Min(buffer.Length, _buffer.Length - _filled);
            buffer[..n].CopyTo(_buffer.AsSpan(_filled));
            _filled += n;
            buffer = buffer[n..];
            if (_filled == _buffer.Length)
            {
                SendBuffer();
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Flushing does not send a partial chunk: only full chunks and the last one travel.</summary>
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Sends whatever is buffered; returns the completion message for the asker.</summary>
    public SegmentCompleted Complete()
    {
        if (_filled > 0)
        {
            SendBuffer();
        }
        return new SegmentCompleted(requestId, ChunksSent, BytesSent);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private void SendBuffer()
    {
        // The message keeps the array: start a new one rather than overwrite what was sent.
        var data = _buffer.AsMemory(0, _filled);
        send(new SegmentChunk(requestId, ChunksSent, data));
        ChunksSent++;
        BytesSent += _filled;
        _buffer = new byte[_buffer.Length];
        _filled = 0;
    }
}
