using System.Buffers.Binary;

namespace Hark.Codec.Wav;

/// <summary>
/// Streams interleaved integer samples into a RIFF/WAVE file (8/16/24/32-bit; WAVE_FORMAT_EXTENSIBLE when
/// <see cref="WavFormat.NeedsExtensible"/>). Sizes are patched in on <see cref="Dispose"/> when the stream can seek;
/// on a pipe they stay 0xFFFFFFFF, which readers (ffmpeg, this project's) take as "to the end".
/// With <c>allowRf64</c> a 36-byte JUNK chunk is reserved after "WAVE" (EBU 3306's advice): a file whose data passes
/// 4 GiB becomes RF64 on <see cref="Complete"/>, the JUNK chunk turned into ds64 with the 64-bit sizes.
/// </summary>
public sealed class WavWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _start;
    private readonly int _headerLength;
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly int _minimum;
    private readonly int _maximum;
    private readonly bool _allowRf64;
    private long _dataBytes;
    private bool _completed;

    private const int Ds64Length = 8 + 28;

    public WavWriter(Stream stream, WavFormat format, bool leaveOpen = false, bool allowRf64 = false)
    {
        if (format.IsFloat)
        {
            throw new WavFormatException("the writer writes integer PCM only");
        }
        format.Validate();
        _stream = stream;
        _leaveOpen = leaveOpen;
        Format = format;
        int shift = format.BitsPerSample - format.ValidBitsPerSample;
        _maximum = (int)(((1L << (format.BitsPerSample - 1)) - 1) >> shift << shift);
        _minimum = (int)(-(1L << (format.BitsPerSample - 1)));
        _start = stream.CanSeek ? stream.Position : 0;
        Span<byte> header = stackalloc byte[68];
        _allowRf64 = allowRf64;
        _headerLength = WriteHeader(header, format, uint.MaxValue);
        if (allowRf64)
        {
            if (!stream.CanSeek)
            {
                throw new ArgumentException("an RF64 file needs a stream that seeks back to its header", nameof(stream));
            }
            Span<byte> junk = stackalloc byte[Ds64Length];
            "JUNK"u8.CopyTo(junk);
            BinaryPrimitives.WriteUInt32LittleEndian(junk.Slice(4), Ds64Length - 8);
            _stream.Write(header.Slice(0, 12));
            _stream.Write(junk);
            _stream.Write(header.Slice(12, _headerLength - 12));
        }
        else
        {
            _stream.Write(header.Slice(0, _headerLength));
        }
    }

    public WavFormat Format { get; }

    public long FramesWritten => _dataBytes / Format.BlockAlign;

    private static int WriteHeader(Span<byte> header, WavFormat format, uint dataBytes) => WavHeader.Write(header, format, dataBytes);

    /// <summary>The common case without the per-sample width switch: 16-bit little-endian, range-checked.</summary>
    private void WriteSixteen(ReadOnlySpan<int> samples, Span<byte> bytes)
    {
        var output = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(bytes);
        for (int i = 0; i < samples.Length; i++)
        {
            int s = samples[i];
            if (s < _minimum || s > _maximum)
            {
                throw new ArgumentOutOfRangeException(nameof(samples), $"sample {s} does not fit {Format}");
            }
            output[i] = BitConverter.IsLittleEndian ? (short)s : BinaryPrimitives.ReverseEndianness((short)s);
        }
    }

    /// <summary>Appends interleaved samples (whole frames), each within the container's range.</summary>
    public void WriteFrames(ReadOnlySpan<int> interleaved)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (interleaved.Length % Format.Channels != 0)
        {
            throw new ArgumentException($"{interleaved.Length} samples are not whole frames of {Format.Channels} channels.", nameof(interleaved));
        }
        int bytesPerSample = Format.BytesPerSample;
        int perChunk = _buffer.Length / bytesPerSample;
        while (interleaved.Length > 0)
        {
            int count = Math.Min(perChunk, interleaved.Length);
            var chunk = interleaved.Slice(0, count);
            var bytes = _buffer.AsSpan(0, count * bytesPerSample);
            if (bytesPerSample == 2)
            {
                WriteSixteen(chunk, bytes);
            }
            else
            {
                WriteOtherWidths(chunk, bytes, bytesPerSample);
            }
            _stream.Write(bytes);
            _dataBytes += bytes.Length;
            interleaved = interleaved.Slice(count);
        }
    }

    private void WriteOtherWidths(ReadOnlySpan<int> samples, Span<byte> bytes, int bytesPerSample)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            int s = samples[i];
            if (s < _minimum || s > _maximum)
            {
                throw new ArgumentOutOfRangeException(nameof(samples), $"sample {s} does not fit {Format}");
            }
            switch (bytesPerSample)
            {
                case 1:
                    bytes[i] = (byte)(s + 128);
                    break;
                case 3:
                    bytes[3 * i] = (byte)s;
                    bytes[3 * i + 1] = (byte)(s >> 8);
                    bytes[3 * i + 2] = (byte)(s >> 16);
                    break;
                default:
                    BinaryPrimitives.WriteInt32LittleEndian(bytes.Slice(4 * i), s);
                    break;
            }
        }
    }

    /// <summary>Pads the data chunk to an even length and fills in the sizes (on a seekable stream).</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }
        _completed = true;
        if ((_dataBytes & 1) != 0)
        {
            _stream.WriteByte(0);
        }
        if (_stream.CanSeek && _allowRf64)
        {
            long end = _stream.Position;
            PatchReservedHeader();
            _stream.Position = end;
        }
        else if (_stream.CanSeek && _dataBytes < uint.MaxValue - 1024)
        {
            long end = _stream.Position;
            Span<byte> header = stackalloc byte[68];
            WriteHeader(header, Format, (uint)_dataBytes);
            _stream.Position = _start;
            _stream.Write(header.Slice(0, _headerLength));
            _stream.Position = end;
        }
        _stream.Flush();
    }

    /// <summary>The header of a file written with a reserved ds64: plain RIFF with JUNK when it fits, RF64 when not.</summary>
    private void PatchReservedHeader()
    {
        Span<byte> header = stackalloc byte[68];
        bool fits = _dataBytes < uint.MaxValue - 1024;
        WriteHeader(header, Format, fits ? (uint)_dataBytes : uint.MaxValue);
        long riffSize = _headerLength + Ds64Length - 8 + _dataBytes + (_dataBytes & 1);
        Span<byte> ds64 = stackalloc byte[Ds64Length];
        if (fits)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(4), (uint)riffSize);
            "JUNK"u8.CopyTo(ds64);
        }
        else
        {
            "RF64"u8.CopyTo(header);
            BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(4), uint.MaxValue);
            "ds64"u8.CopyTo(ds64);
            BinaryPrimitives.WriteInt64LittleEndian(ds64.Slice(8), riffSize);
            BinaryPrimitives.WriteInt64LittleEndian(ds64.Slice(16), _dataBytes);
            BinaryPrimitives.WriteInt64LittleEndian(ds64.Slice(24), FramesWritten);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(ds64.Slice(4), Ds64Length - 8);
        _stream.Position = _start;
        _stream.Write(header.Slice(0, 12));
        _stream.Write(ds64);
        _stream.Write(header.Slice(12, _headerLength - 12));
    }

    public void Dispose()
    {
        try
        {
            Complete();
        }
        finally
        {
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }
}
