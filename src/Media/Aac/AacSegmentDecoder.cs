using System.Buffers;
using Hark.Media.Errors;

namespace Hark.Media.Aac;

/// <summary>
/// Decodes a stretch of samples from a run of raw frames: the decoder is reset, the optional pre-roll frame is
/// decoded and its output dropped (it only primes the overlap), then exactly the requested samples are written.
/// The result equals the same samples of one sequential decode of the whole stream, bit for bit.
/// </summary>
public sealed class AacSegmentDecoder(ReadOnlyMemory<byte> audioSpecificConfig, int sampleRate, int channels, AacDecoderPool? pool = null)
{
    private readonly AacDecoderPool _pool = pool ?? AacDecoderPool.Shared;

    public int SampleRate => sampleRate;

    public int Channels => channels;

    /// <summary>Decodes with a decoder rented from the pool; see the static overload for the arguments.</summary>
    public int Decode(ReadOnlySpan<byte> frames, ReadOnlySpan<int> frameSizes, bool startsWithPreRoll, int offsetInFirstNeededFrame,
        int sampleCount, Span<float> interleaved)
    {
        var decoder = _pool.Rent(audioSpecificConfig.Span, sampleRate, channels);
        try
        {
            return Decode(decoder, frames, frameSizes, startsWithPreRoll, offsetInFirstNeededFrame, sampleCount, interleaved);
        }
        finally
        {
            _pool.Return(decoder);
        }
    }

    /// <param name="frames">The raw frames back to back (as stored), pre-roll frame first when there is one.</param>
    /// <param name="frameSizes">Byte length of each frame in <paramref name="frames"/>.</param>
    /// <param name="offsetInFirstNeededFrame">Samples to skip in the first frame after the pre-roll.</param>
    /// <param name="sampleCount">Samples per channel to write.</param>
    /// <param name="interleaved">Receives sampleCount x channels floats.</param>
    /// <returns><paramref name="sampleCount"/>; throws if the frames do not cover it.</returns>
    public static int Decode(AacDecoder decoder, ReadOnlySpan<byte> frames, ReadOnlySpan<int> frameSizes, bool startsWithPreRoll,
        int offsetInFirstNeededFrame, int sampleCount, Span<float> interleaved)
    {
        int channels = decoder.Channels;
        if (offsetInFirstNeededFrame is < 0 or >= AacDecoder.SamplesPerFrame)
        {
            throw new ArgumentOutOfRangeException(nameof(offsetInFirstNeededFrame), offsetInFirstNeededFrame, "0..1023");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        if ((long)sampleCount * channels > interleaved.Length)
        {
            throw new ArgumentException($"Output holds {interleaved.Length} floats; {sampleCount} x {channels} requested.", nameof(interleaved));
        }

        // After a pre-roll frame the state depends on that frame alone, so only a cold start needs a reset.
        if (!startsWithPreRoll || decoder.IsDamaged)
        {
            decoder.Reset();
        }
        var scratch = ArrayPool<float>.Shared.Rent(AacDecoder.MaxSamplesPerFrame * channels);
        try
        {
            int written = 0;
            int position = 0;
            int skip = offsetInFirstNeededFrame;
            for (int f = 0; f < frameSizes.Length && written < sampleCount; f++)
            {
                int size = frameSizes[f];
                if (size <= 0 || position + size > frames.Length)
                {
                    throw new ArgumentException($"Frame {f} ({size} bytes at {position}) lies outside the {frames.Length} bytes given.", nameof(frameSizes));
                }
                int produced = decoder.Decode(frames.Slice(position, size), scratch);
                position += size;
                if (produced != AacDecoder.SamplesPerFrame)
                {
                    throw new AacDecodeException($"frame {f} of the segment decoded to {produced} samples, expected {AacDecoder.SamplesPerFrame}");
                }
                if (f == 0 && startsWithPreRoll)
                {
                    continue;
                }
                int take = Math.Min(produced - skip, sampleCount - written);
                scratch.AsSpan(skip * channels, take * channels).CopyTo(interleaved[(written * channels)..]);
                written += take;
                skip = 0;
            }
            if (written < sampleCount)
            {
                throw new ArgumentException($"The frames given cover {written} of the {sampleCount} samples requested.", nameof(frameSizes));
            }
            return written;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }
}
