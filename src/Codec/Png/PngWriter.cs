using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Hark.Codec.Png;

/// <summary>
/// Streams an 8-bit greyscale or RGB PNG row by row, top row first: rows are filtered (Up), deflated through
/// <see cref="ZLibStream"/> and cut into IDAT chunks of at most <see cref="IdatLength"/> bytes, so memory is two rows
/// and one chunk whatever the image's height.
/// </summary>
public sealed class PngWriter : IDisposable
{
    public const int IdatLength = 1 << 16;

    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint Ihdr = PngChunkHeader.TypeOf("IHDR"u8);
    private static readonly uint Idat = PngChunkHeader.TypeOf("IDAT"u8);
    private static readonly uint Iend = PngChunkHeader.TypeOf("IEND"u8);

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly IdatChunks _idat;
    private readonly ZLibStream _deflate;
    private readonly byte[] _previous;
    private readonly byte[] _filtered;
    private int _rowsWritten;
    private bool _completed;

    public PngWriter(Stream output, int width, int height, PngColorType colorType, bool leaveOpen = false)
    {
        int channels = colorType == PngColorType.Rgb ? 3 : 1;
        if (width < 1 || height < 1 || (long)width * channels + 1 > int.MaxValue)
        {
            throw new PngFormatException($"a {width}x{height} image cannot be written");
        }
        _output = output;
        _leaveOpen = leaveOpen;
        Width = width;
        Height = height;
        ColorType = colorType;
        RowLength = width * channels;
        _previous = new byte[RowLength];
        _filtered = new byte[RowLength + 1];
        output.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(4), (uint)height);
        header[8] = 8;
        header[9] = (byte)colorType;
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering
        header[12] = 0; // no interlace
        WriteChunk(output, Ihdr, header);
        _idat = new IdatChunks(output);
        _deflate = new ZLibStream(_idat, CompressionLevel.Optimal, leaveOpen: true);
    }

    public int Width { get; }
    public int Height { get; }
    public PngColorType ColorType { get; }

    /// <summary>Bytes in one row: width for grey, 3 x width for RGB.</summary>
    public int RowLength { get; }

    /// <summary>Writes the next row (top to bottom), <see cref="RowLength"/> bytes.</summary>
    public void WriteRow(ReadOnlySpan<byte> row)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (row.Length != RowLength)
        {
            throw new ArgumentException($"a row has {RowLength} bytes, {row.Length} given", nameof(row));
        }
        if (_rowsWritten == Height)
        {
            throw new InvalidOperationException($"the image has {Height} rows");
        }
        // Filter type 2 (Up): each byte minus the one above it; the first row's "above" is zeros, so it is the row.
        _filtered[0] = 2;
        for (int i = 0; i < row.Length; i++)
        {
            _filtered[i + 1] = (byte)(row[i] - _previous[i]);
        }
        _deflate.Write(_filtered);
        row.CopyTo(_previous);
        _rowsWritten++;
    }

    /// <summary>Ends the zlib stream and writes IEND; every row must have been written.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }
        if (_rowsWritten != Height)
        {
            throw new InvalidOperationException($"{_rowsWritten} of {Height} rows written");
        }
        _completed = true;
        _deflate.Dispose();
        _idat.FlushChunk();
        WriteChunk(_output, Iend, []);
        _output.Flush();
    }

    public void Dispose()
    {
        try
        {
            if (!_completed && _rowsWritten == Height)
            {
                Complete();
            }
        }
        finally
        {
            _completed = true;
            _deflate.Dispose();
            if (!_leaveOpen)
            {
                _output.Dispose();
            }
        }
    }

    private static void WriteChunk(Stream output, uint type, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[PngChunkHeader.Length];
        new PngChunkHeader(data.Length, type).WriteTo(header);
        var crc = new Crc32();
        crc.Append(header.Slice(4));
        crc.Append(data);
        Span<byte> trailer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(trailer, crc.GetCurrentHashAsUInt32());
        output.Write(header);
        output.Write(data);
        output.Write(trailer);
    }

    /// <summary>The zlib stream's sink: collects deflated bytes and writes them out as IDAT chunks.</summary>
    private sealed class IdatChunks(Stream output) : Stream
    {
        private readonly byte[] _buffer = new byte[IdatLength];
        private int _filled;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (buffer.Length > 0)
            {
                int take = Math.Min(buffer.Length, _buffer.Length - _filled);
                buffer.Slice(0, take).CopyTo(_buffer.AsSpan(_filled));
                _filled += take;
                buffer = buffer.Slice(take);
                if (_filled == _buffer.Length)
                {
                    FlushChunk();
                }
            }
        }

        public void FlushChunk()
        {
            if (_filled > 0)
            {
                WriteChunk(output, Idat, _buffer.AsSpan(0, _filled));
                _filled = 0;
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
