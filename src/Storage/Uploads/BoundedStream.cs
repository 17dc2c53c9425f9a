namespace Hark.Storage.Uploads;

/// <summary>Reads at most <c>limit</c> bytes of a request body, and notes whether the body had more.</summary>
internal sealed class BoundedStream(Stream inner, long limit) : Stream
{
    public long BytesRead { get; private set; }

    public bool Overflowed { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (BytesRead >= limit)
        {
            // One byte more tells a body that fits exactly from one that goes on.
            var probe = new byte[1];
            if (await inner.ReadAsync(probe, cancellationToken) > 0)
            {
                Overflowed = true;
            }
            return 0;
        }
        int n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, limit - BytesRead)], cancellationToken);
        BytesRead += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
