using System.Buffers.Binary;

namespace Hark.Codec.Wav;

/// <summary>
/// Streams interleaved integer samples into a RIFF/WAVE file (8/16/24/32-bit; WAVE_FORMAT_EXTENSIBLE when
/// <see cref="WavFormat.NeedsExtensible"/>). Sizes are patched in on <see cref="Dispose"/> when the stream can seek;
/// on a pipe they stay 0xFFFFFFFF, which readers (ffmpeg, this project's) take as "to the end".
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
    private long _dataBytes;
    private bool _completed;

    public WavWriter(Stream stream, WavFormat format, bool leaveOpen = false)
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
        _headerLength = WriteHeader(header, format, uint.MaxValue);
        _stream.Write(header.Slice(0, _headerLength));
    }

    public WavFormat Format { get; }

    public long FramesWritten => _dataBytes / Format.BlockAlign;

    private static int WriteHeader(Span<byte> header, WavFormat format, uint dataBytes) => WavHeader.Write(header, format, dataBytes);

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
            for (int i = 0; i < count; i++)
            {
                int s = chunk[i];
                if (s < _minimum || s > _maximum)
                {
                    throw new ArgumentOutOfRangeException(nameof(interleaved), $"sample {s} does not fit {Format}");
                }
                switch (bytesPerSample)
                {
                    case 1:
                        bytes[i] = (byte)(s + 128);
                        break;
                    case 2:
                        BinaryPrimitives.WriteInt16LittleEndian(bytes.Slice(2 * i), (short)s);
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
            _stream.Write(bytes);
            _dataBytes += bytes.Length;
            interleaved = interleaved.Slice(count);
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
        if (_stream.CanSeek && _dataBytes < uint.MaxValue - 1024)
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
