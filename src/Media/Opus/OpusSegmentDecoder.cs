using System.Buffers;

namespace Hark.Media.Opus;

/// <summary>
/// Decodes a stretch of samples from a run of packets with a decoder reset first: the packets before the first
/// needed sample (the pre-roll, 320 ms) are decoded and dropped, then exactly the requested samples are written.
/// Unlike AAC, the result is not bit-identical to one sequential decode (the decoder's state after the pre-roll is
/// close to, not equal to, the state after everything before): docs/opus.md gives the measured difference.
/// </summary>
public static class OpusSegmentDecoder
{
    /// <param name="packets">The packets back to back, as stored.</param>
    /// <param name="packetSizes">Byte length of each packet.</param>
    /// <param name="skipSamples">Decoded samples to drop before the first written one.</param>
    public static int Decode(OpusDecoder decoder, ReadOnlySpan<byte> packets, ReadOnlySpan<int> packetSizes, int skipSamples,
        int sampleCount, Span<float> interleaved)
    {
        int channels = decoder.Channels;
        ArgumentOutOfRangeException.ThrowIfNegative(skipSamples);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        if ((long)sampleCount * channels > interleaved.Length)
        {
            throw new ArgumentException($"Output holds {interleaved.Length} floats; {sampleCount} x {channels} requested.", nameof(interleaved));
        }
        decoder.Reset();
        var scratch = ArrayPool<float>.Shared.Rent(OpusDecoder.MaxSamplesPerPacket * channels);
        try
        {
            int written = 0;
            int position = 0;
            int skip = skipSamples;
            for (int p = 0; p < packetSizes.Length && written < sampleCount; p++)
            {
                int size = packetSizes[p];
                if (size <= 0 || position + size > packets.Length)
                {
                    throw new ArgumentException($"Packet {p} ({size} bytes at {position}) lies outside the {packets.Length} bytes given.", nameof(packetSizes));
                }
                int produced = decoder.Decode(packets.Slice(position, size), scratch.AsSpan(0, OpusDecoder.MaxSamplesPerPacket * channels));
                position += size;
                if (skip >= produced)
                {
                    skip -= produced;
                    continue;
                }
                int take = Math.Min(produced - skip, sampleCount - written);
                scratch.AsSpan(skip * channels, take * channels).CopyTo(interleaved[(written * channels)..]);
                written += take;
                skip = 0;
            }
            if (written < sampleCount)
            {
                throw new ArgumentException($"The packets given cover {written} of the {sampleCount} samples requested.", nameof(packetSizes));
            }
            return written;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }
}
