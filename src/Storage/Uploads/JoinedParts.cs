using System.Security.Cryptography;

namespace Hark.Storage.Uploads;

/// <summary>An upload's parts read one after another as one stream, hashed as they pass.</summary>
internal sealed class JoinedParts(IBlobStore blobs, IReadOnlyList<string> keys, IncrementalHash hash) : Stream
{
    private int _next;
    private Stream? _current;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_current is null)
            {
                if (_next == keys.Count)
                {
                    return 0;
                }
                _current = await blobs.OpenReadAsync(keys[_next++], cancellationToken);
            }
            int n = await _current.ReadAsync(buffer, cancellationToken);
            if (n > 0)
            {
                hash.AppendData(buffer.Span[..n]);
                return n;
            }
            await _current.DisposeAsync();
            _current = null;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask DisposeAsync()
    {
        if (_current is not null)
        {
            await _current.DisposeAsync();
        }
        await base.DisposeAsync();
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
