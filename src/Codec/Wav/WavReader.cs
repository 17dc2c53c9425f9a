using System.Buffers.Binary;

namespace Hark.Codec.Wav;

/// <summary>
/// Streams a RIFF/WAVE file's integer PCM as interleaved <see cref="int"/> samples, holding only one read buffer.
/// Handles plain PCM and WAVE_FORMAT_EXTENSIBLE, 8 (unsigned on disk, returned signed), 16, 24 and 32-bit;
/// float files open (their <see cref="Format"/> says so) but <see cref="ReadFrames"/> refuses them.
/// Samples are returned as stored in the container: a 20-in-24-bit sample keeps its four zero low bits.
/// </summary>
public sealed class WavReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _buffer = new byte[1 << 16];
    private long _remainingBytes;

    public WavReader(Stream stream, bool leaveOpen = false)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        Span<byte> riff = stackalloc byte[12];
        if (!ReadExactly(riff) || !riff.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException("not a RIFF/WAVE file");
        }
        // RF64 (EBU 3306) and BW64 (ITU-R BS.2088) are RIFF/WAVE for files over 4 GiB: a ds64 chunk carries the
        // 64-bit sizes, and the 32-bit fields that overflowed say 0xFFFFFFFF.
        bool sizesIn64 = riff.Slice(0, 4).SequenceEqual("RF64"u8) || riff.Slice(0, 4).SequenceEqual("BW64"u8);
        if (!sizesIn64 && !riff.Slice(0, 4).SequenceEqual("RIFF"u8))
        {
            throw new WavFormatException("not a RIFF/WAVE file");
        }
        long? dataSize64 = null;
        Span<byte> ds64 = stackalloc byte[24];
        WavFormat? format = null;
        Span<byte> chunk = stackalloc byte[8];
        while (true)
        {
            if (!ReadExactly(chunk))
            {
                throw new WavFormatException(format is null ? "no fmt chunk" : "no data chunk");
            }
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk.Slice(4));
            if (sizesIn64 && chunk.Slice(0, 4).SequenceEqual("ds64"u8))
            {
                if (size < 24 || size > 1 << 20)
                {
                    throw new WavFormatException($"ds64 chunk of {size} bytes");
                }
                var sizes = ds64.Slice(0, 24);
                if (!ReadExactly(sizes))
                {
                    throw new WavFormatException("truncated ds64 chunk");
                }
                // riff size (8 bytes), data size (8), sample count (8), then a table this reader does not need.
                // The sizes are u64: one past 2^63 is no size any file can have, an error rather than a length.
                dataSize64 = BinaryPrimitives.ReadInt64LittleEndian(sizes.Slice(8));
                if (dataSize64 < 0 || BinaryPrimitives.ReadInt64LittleEndian(sizes) < 0)
                {
                    throw new WavFormatException(
                        $"ds64 sizes (riff {BinaryPrimitives.ReadUInt64LittleEndian(sizes)}, data {(ulong)dataSize64.Value}) are not sizes of a file");
                }
                Skip(size - 24 + (size & 1));
            }
            else if (chunk.Slice(0, 4).SequenceEqual("fmt "u8))
            {
                if (size < 16 || size > 1024)
                {
                    throw new WavFormatException($"fmt chunk of {size} bytes");
                }
                var fmt = new byte[size + (size & 1)];
                if (!ReadExactly(fmt))
                {
                    throw new WavFormatException("truncated fmt chunk");
                }
                format = ParseFormat(fmt.AsSpan(0, (int)size));
            }
            else if (chunk.Slice(0, 4).SequenceEqual("data"u8))
            {
                if (format is null)
                {
                    throw new WavFormatException("data chunk before the fmt chunk");
                }
                Format = format.Value;
                long? length = size == uint.MaxValue && dataSize64 is > 0 ? dataSize64
                    // 0 or 0xFFFFFFFF otherwise: a writer that could not seek back (a pipe): read to the end.
                    : size is 0 or uint.MaxValue ? null
                    : size;
                DeclaredDataLength = length;
                // A stated size beyond the end of the file is a file that ends early, never a length to trust.
                if (length is { } declared && _stream.CanSeek && declared > _stream.Length - _stream.Position)
                {
                    length = _stream.Length - _stream.Position;
                    IsTruncated = true;
                }
                _remainingBytes = length ?? long.MaxValue;
                DataLength = length;
                return;
            }
            else
            {
                Skip(size + (size & 1));
            }
        }
    }

    public WavFormat Format { get; }

    /// <summary>
    /// Bytes of samples the reader will return: the data chunk's stated length, cut to what a seekable stream holds;
    /// null when the file does not state it (streamed WAV).
    /// </summary>
    public long? DataLength { get; }

    /// <summary>The data chunk's length as its header states it, which may be more than the file holds.</summary>
    public long? DeclaredDataLength { get; }

    /// <summary>The file ends before the data chunk's stated length (<see cref="DataLength"/> is what is there).</summary>
    public bool IsTruncated { get; }

    /// <summary>Frames the header states (<see cref="DeclaredDataLength"/>), when stated.</summary>
    public long? DeclaredFrames => DeclaredDataLength / Format.BlockAlign;

    /// <summary>Frames (samples per channel) in the data chunk, when stated.</summary>
    public long? TotalFrames => DataLength / Format.BlockAlign;

    private static WavFormat ParseFormat(ReadOnlySpan<byte> fmt)
    {
        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt.Slice(2));
        int rate = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(fmt.Slice(4)), int.MaxValue);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt.Slice(12));
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt.Slice(14));
        int valid = bits;
        uint mask = 0;
        bool isFloat;
        if (tag == WavFormat.FormatExtensible)
        {
            if (fmt.Length < 40)
            {
                throw new WavFormatException("WAVE_FORMAT_EXTENSIBLE fmt chunk shorter than 40 bytes");
            }
            valid = BinaryPrimitives.ReadUInt16LittleEndian(fmt.Slice(18));
            mask = BinaryPrimitives.ReadUInt32LittleEndian(fmt.Slice(20));
            ushort subFormat = BinaryPrimitives.ReadUInt16LittleEndian(fmt.Slice(24));
            isFloat = subFormat switch
            {
                WavFormat.FormatPcm => false,
                WavFormat.FormatIeeeFloat => true,
                _ => throw new WavFormatException($"unsupported extensible subformat 0x{subFormat:X4}"),
            };
            if (valid == 0)
            {
                valid = bits;
            }
        }
        else
        {
            isFloat = tag switch
            {
                WavFormat.FormatPcm => false,
                WavFormat.FormatIeeeFloat => true,
                _ => throw new WavFormatException($"unsupported format tag 0x{tag:X4} (PCM, float and extensible are)"),
            };
        }
        var format = new WavFormat(rate, channels, bits, valid, isFloat, mask);
        format.Validate();
        if (blockAlign != format.BlockAlign)
        {
            throw new WavFormatException($"block align {blockAlign} does not match {channels} x {bits}-bit");
        }
        return format;
    }

    /// <summary>
    /// Reads up to <c>interleaved.Length / Channels</c> frames; returns the frames read (0 at the end).
    /// A trailing partial frame is ignored.
    /// </summary>
    public int ReadFrames(Span<int> interleaved)
    {
        if (Format.IsFloat)
        {
            throw new WavFormatException($"{Format.BitsPerSample}-bit float samples cannot be read as integers");
        }
        int bytesPerSample = Format.BytesPerSample;
        int blockAlign = Format.BlockAlign;
        int frames = 0;
        int wanted = interleaved.Length / Format.Channels;
        while (frames < wanted && _remainingBytes >= blockAlign)
        {
            int chunkFrames = (int)Math.Min(Math.Min(wanted - frames, _buffer.Length / blockAlign), _remainingBytes / blockAlign);
            int bytes = chunkFrames * blockAlign;
            int read = _stream.ReadAtLeast(_buffer.AsSpan(0, bytes), bytes, throwOnEndOfStream: false);
            int whole = read / blockAlign;
            if (read % blockAlign != 0)
            {
                _remainingBytes = 0; // a partial frame can only be the end of a truncated file
            }
            Convert(_buffer.AsSpan(0, whole * blockAlign), interleaved.Slice(frames * Format.Channels), bytesPerSample);
            frames += whole;
            if (read < bytes)
            {
                _remainingBytes = 0;
                break;
            }
            _remainingBytes -= read;
        }
        return frames;
    }

    private static void Convert(ReadOnlySpan<byte> source, Span<int> destination, int bytesPerSample)
    {
        int count = source.Length / bytesPerSample;
        switch (bytesPerSample)
        {
            case 1:
                for (int i = 0; i < count; i++)
                {
                    destination[i] = source[i] - 128;
                }
                break;
            case 2:
                for (int i = 0; i < count; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source.Slice(2 * i));
                }
                break;
            case 3:
                for (int i = 0; i < count; i++)
                {
                    int o = 3 * i;
                    destination[i] = (source[o] | (source[o + 1] << 8) | (source[o + 2] << 16)) << 8 >> 8;
                }
                break;
            default:
                for (int i = 0; i < count; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt32LittleEndian(source.Slice(4 * i));
                }
                break;
        }
    }

    private bool ReadExactly(Span<byte> destination) =>
        _stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false) == destination.Length;

    private void Skip(long count)
    {
        if (_stream.CanSeek)
        {
            if (count > _stream.Length - _stream.Position)
            {
                throw new WavFormatException($"a chunk of {count} bytes runs past the end of the file");
            }
            _stream.Seek(count, SeekOrigin.Current);
            return;
        }
        while (count > 0)
        {
            int read = _stream.Read(_buffer, 0, (int)Math.Min(count, _buffer.Length));
            if (read == 0)
            {
                throw new WavFormatException("truncated chunk");
            }
            count -= read;
        }
    }

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
