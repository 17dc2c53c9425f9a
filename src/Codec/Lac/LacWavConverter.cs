using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Hark.Codec.Wav;

namespace Hark.Codec.Lac;

/// <summary>
/// WAV to .lac and back, streaming one block at a time. Integer PCM only: LAC is an integer codec (spec section 1).
/// A WAV whose valid bits are fewer than its container (20 in 24) is stored at its valid depth, so the codec does
/// not spend bits on the container's always-zero low bits, and is restored into the same container.
/// </summary>
public static class LacWavConverter
{
    /// <summary>
    /// Encodes a WAV stream into a .lac stream on <paramref name="jobs"/> threads (the bytes do not depend on it);
    /// returns the file header written.
    /// </summary>
    public static LacFileHeader Encode(Stream wav, Stream lac, LacEncoderOptions? options = null, int jobs = 1)
    {
        using var reader = new WavReader(wav, leaveOpen: true);
        var format = reader.Format;
        if (format.IsFloat)
        {
            throw new WavFormatException(
                $"{format.BitsPerSample}-bit float input: LAC is lossless for integer PCM only (8/16/20/24-bit); convert the source to integer PCM first");
        }
        int bits = format.ValidBitsPerSample;
        int shift = format.BitsPerSample - bits;
        if (bits > 24)
        {
            throw new WavFormatException($"{bits}-bit integer PCM: LAC carries at most 24 significant bits (spec section 1)");
        }
        // LAC files say 8, 16, 20 or 24 bits; other valid depths (12 in 16, ...) are stored at the next one up.
        int lacBits = bits <= 8 ? 8 : bits <= 16 ? 16 : bits <= 20 ? 20 : 24;
        shift = format.BitsPerSample - lacBits;
        options ??= LacEncoderOptions.Default;
        using var writer = new LacFileWriter(lac, format.SampleRate, format.Channels, lacBits, options, leaveOpen: true, jobs);
        var buffer = new int[options.BlockSize * format.Channels];
        long position = 0;
        while (true)
        {
            int frames = reader.ReadFrames(buffer);
            if (frames == 0)
            {
                break;
            }
            var samples = buffer.AsSpan(0, frames * format.Channels);
            if (shift > 0)
            {
                for (int i = 0; i < samples.Length; i++)
                {
                    samples[i] >>= shift; // the container's low bits are zero by the fmt chunk's own statement
                }
            }
            if (lacBits == 24)
            {
                foreach (var s in samples)
                {
                    if (s == -(1 << 23))
                    {
                        throw new ArgumentOutOfRangeException(nameof(wav),
                            $"sample -8388608 near frame {position}: LAC carries |sample| <= 2^23 - 1 (spec section 1), so 24-bit negative full scale cannot be stored losslessly");
                    }
                }
            }
            writer.Write(samples);
            position += frames;
        }
        writer.Complete();
        return writer.Header;
    }

    /// <summary>The WAV format a .lac file decodes to: 8/16/24-bit containers, 20-bit as 20 valid bits in 24.</summary>
    public static WavFormat WavFormatFor(LacFileHeader header)
    {
        int container = header.BitsPerSample == 20 ? 24 : header.BitsPerSample;
        return new WavFormat(header.SampleRate, header.Channels, container, header.BitsPerSample, false,
            WavFormat.DefaultChannelMask(header.Channels));
    }

    /// <summary>
    /// Decodes a .lac stream into a WAV stream, replacing damaged blocks by silence (spec 6.1) unless
    /// <paramref name="strict"/>, on <paramref name="jobs"/> threads (the output does not depend on it). Returns the
    /// reader, finished, for its damage report.
    /// </summary>
    public static LacFileReader Decode(Stream lac, Stream wav, bool strict = false, int jobs = 1)
    {
        var reader = new LacFileReader(lac, leaveOpen: true, strict: strict, jobs);
        var format = WavFormatFor(reader.Header);
        int shift = format.BitsPerSample - format.ValidBitsPerSample;
        using var writer = new WavWriter(wav, format, leaveOpen: true);
        var buffer = new int[reader.Header.BlockSize * reader.Header.Channels];
        while (true)
        {
            int frames = reader.ReadBlock(buffer);
            if (frames == 0)
            {
                break;
            }
            var samples = buffer.AsSpan(0, frames * reader.Header.Channels);
            ClampAndShift(samples, (1 << (reader.Header.BitsPerSample - 1)) - 1, shift);
            writer.WriteFrames(samples);
        }
        writer.Complete();
        return reader;
    }

    /// <summary>
    /// Out-of-contract output of a hostile stream (spec 6.2) is clamped to the declared depth for the WAV, then moved
    /// up into the container's bits.
    /// </summary>
    private static void ClampAndShift(Span<int> samples, int max, int shift)
    {
        int i = 0;
        if (LacSimd.Enabled)
        {
            var low = Vector256.Create(-max - 1);
            var high = Vector256.Create(max);
            ref int x = ref MemoryMarshal.GetReference(samples);
            for (; i <= samples.Length - 8; i += 8)
            {
                var value = Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref x, (nuint)i), low), high);
                (value << shift).StoreUnsafe(ref x, (nuint)i);
            }
        }
        for (; i < samples.Length; i++)
        {
            samples[i] = Math.Clamp(samples[i], -max - 1, max) << shift;
        }
    }
}
