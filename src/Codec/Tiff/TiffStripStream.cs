namespace Hark.Codec.Tiff;

/// <summary>
/// The first <c>length</c> bytes of a page's strips, read in order as one stream (a page holding a file's bytes:
/// the rest of its last row is padding). Reads go to the underlying file at each strip's offset; nothing is buffered.
/// </summary>
public sealed class TiffStripStream : Stream
{
    private readonly Stream _file;
    private readonly TiffPage _page;
    private readonly long _length;
    private long _position;
    private int _strip;
    private long _stripStart;

    public TiffStripStream(Stream file, TiffPage page, long length)
    {
        long total = page.StripByteCounts.Sum();
        if (length < 0 || length > total)
        {
            throw new TiffFormatException($"{length} bytes asked of a page whose strips hold {total}");
        }
        _file = file;
        _page = page;
        _length = length;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_strip < _page.StripOffsets.Count && _position - _stripStart >= _page.StripByteCounts[_strip])
        {
            _stripStart += _page.StripByteCounts[_strip];
            _strip++;
        }
        if (_position >= _length || _strip >= _page.StripOffsets.Count)
        {
            return 0;
        }
        long inStrip = _position - _stripStart;
        int take = (int)Math.Min(buffer.Length, Math.Min(_page.StripByteCounts[_strip] - inStrip, _length - _position));
        _file.Position = _page.StripOffsets[_strip] + inStrip;
        int read = _file.Read(buffer.Slice(0, take));
        if (read == 0)
        {
            throw new TiffFormatException($"the file ends inside strip {_strip}");
        }
        _position += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
