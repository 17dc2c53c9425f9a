using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Hark.Codec.Wav;
using Hark.Storage;

namespace Hark.Engine.Segments;

/// <summary>Turns decoded samples into the bytes of the requested format, streaming.</summary>
internal sealed class SegmentOutput
{
    private readonly SegmentFormat _format;
    private readonly RecordingMetadata _meta;
    private readonly long _count;
    private readonly int _bitDepth;

    private SegmentOutput(RecordingMetadata meta, SegmentFormat format, long count)
    {
        _meta = meta;
        _format = format;
        _count = count;
        _bitDepth = meta.BitDepth ?? 0;
    }

    public static SegmentOutput For(RecordingMetadata meta, SegmentFormat format, long count) => new(meta, format, count);

    /// <summary>Lossless recordings deliver integers to WAV and s16, so no float rounding touches them.</summary>
    public bool WantsIntegers => _meta.Codec == AudioCodec.Lac && _format != SegmentFormat.F32;

    /// <summary>WAV sample width for a lossless recording: the smallest container holding its depth.</summary>
    private int WavBits => _bitDepth <= 8 ? 8 : _bitDepth <= 16 ? 16 : 24;

    public string ContentType => _format == SegmentFormat.Wav ? "audio/wav" : "application/octet-stream";

    public static long ByteLength(RecordingMetadata meta, SegmentFormat format, long count)
    {
        var output = For(meta, format, count);
        return output.HeaderLength() + count * meta.Channels * output.BytesPerSample();
    }

    private int BytesPerSample() => _format switch
    {
        SegmentFormat.F32 => 4,
        SegmentFormat.S16 => 2,
        _ => _meta.Codec.IsLossy() ? 4 : WavBits / 8,
    };

    private int HeaderLength() => _format == SegmentFormat.Wav ? WavHeader.LengthFor(WavFormatFor()) : 0;

    private WavFormat WavFormatFor() => WavFormatOf(_meta);

    /// <summary>The WAV a segment read writes: 32-bit float for a lossy recording, the smallest integer width holding
    /// a lossless one's depth.</summary>
    public static WavFormat WavFormatOf(RecordingMetadata meta)
    {
        int depth = meta.BitDepth ?? 0;
        int bits = depth <= 8 ? 8 : depth <= 16 ? 16 : 24;
        return meta.Codec.IsLossy()
            ? new WavFormat(meta.SampleRate, meta.Channels, 32, 32, IsFloat: true, WavFormat.DefaultChannelMask(meta.Channels))
            : new WavFormat(meta.SampleRate, meta.Channels, bits, bits, IsFloat: false, WavFormat.DefaultChannelMask(meta.Channels));
    }

    public async ValueTask WriteHeaderAsync(Stream destination, CancellationToken ct)
    {
        if (_format != SegmentFormat.Wav)
        {
            return;
        }
        var format = WavFormatFor();
        var header = new byte[WavHeader.LengthFor(format)];
        WavHeader.Write(header, format, checked((uint)(_count * _meta.Channels * BytesPerSample())));
        await destination.WriteAsync(header, ct);
    }

    public ValueTask WriteAsync(Stream destination, ReadOnlyMemory<float> samples, CancellationToken ct) =>
        WriteEncodedAsync(destination, samples, Encode, ct);

    public ValueTask WriteAsync(Stream destination, ReadOnlyMemory<int> samples, CancellationToken ct) =>
        WriteEncodedAsync(destination, samples, Encode, ct);

    private delegate int Encoder<T>(ReadOnlySpan<T> samples, Span<byte> bytes);

    /// <summary>Encodes into a pooled buffer (at most 4 bytes a sample) and writes it.</summary>
    private static async ValueTask WriteEncodedAsync<T>(Stream destination, ReadOnlyMemory<T> samples, Encoder<T> encode, CancellationToken ct)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(samples.Length * 4);
        try
        {
            int length = encode(samples.Span, bytes);
            await destination.WriteAsync(bytes.AsMemory(0, length), ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private int Encode(ReadOnlySpan<float> samples, Span<byte> bytes)
    {
        if (_format == SegmentFormat.S16)
        {
            // Stored as shorts, swapped only on a big-endian machine: a write per sample through a slice cost more than the rounding.
            var shorts = MemoryMarshal.Cast<byte, short>(bytes[..(2 * samples.Length)]);
            for (int i = 0; i < samples.Length; i++)
            {
                float scaled = MathF.Round(samples[i] * 32768f);
                shorts[i] = scaled >= short.MaxValue ? short.MaxValue : scaled <= short.MinValue ? short.MinValue : (short)scaled;
            }
            if (!BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.ReverseEndianness(shorts, shorts);
            }
            return samples.Length * 2;
        }
        // f32 is the floats' own bytes: one copy, not a write per sample (0.3 s of a 1-hour read).
        MemoryMarshal.AsBytes(samples).CopyTo(bytes);
        if (!BitConverter.IsLittleEndian)
        {
            var words = MemoryMarshal.Cast<byte, int>(bytes[..(4 * samples.Length)]);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
        return samples.Length * 4;
    }

    private int Encode(ReadOnlySpan<int> samples, Span<byte> bytes)
    {
        if (_format == SegmentFormat.S16)
        {
            int shift = _bitDepth - 16;
            for (int i = 0; i < samples.Length; i++)
            {
                int value = shift >= 0 ? samples[i] >> shift : samples[i] << -shift;
                BinaryPrimitives.WriteInt16LittleEndian(bytes[(2 * i)..], (short)value);
            }
            return samples.Length * 2;
        }
        int up = WavBits - _bitDepth;
        switch (WavBits)
        {
            case 8:
                for (int i = 0; i < samples.Length; i++)
                {
                    bytes[i] = (byte)((samples[i] << up) + 128);
                }
                return samples.Length;
            case 16:
                for (int i = 0; i < samples.Length; i++)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(bytes[(2 * i)..], (short)(samples[i] << up));
                }
                return samples.Length * 2;
            default:
                for (int i = 0; i < samples.Length; i++)
                {
                    int value = samples[i] << up;
                    bytes[3 * i] = (byte)value;
                    bytes[3 * i + 1] = (byte)(value >> 8);
                    bytes[3 * i + 2] = (byte)(value >> 16);
                }
                return samples.Length * 3;
        }
    }
}
