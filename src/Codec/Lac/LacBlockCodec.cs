using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Hark.Codec.Lac;

/// <summary>
/// One self-contained multichannel block: a small header, then one LAC frame per channel, all of the same length.
/// <code>
/// byte 0        stereo mode (LacStereoMode: 0 independent, 1 left-side, 2 right-side, 3 mid-side; channels 0-1)
/// bytes 1..3C   per channel, the byte length of its frame (u24 big-endian)
/// then          the C frames, channel order
/// </code>
/// The channel count is not stored: the container knows it. Blocks decode independently of each other.
/// </summary>
/// <remarks>
/// Instances keep their buffers (de-interleaved channels, the frame encoder's work arrays), so encoding and decoding
/// allocate nothing per block. Not thread-safe: one instance per thread.
/// </remarks>
public sealed class LacBlockCodec
{
    public const int MaxChannels = 255;
    private const int LengthFieldBytes = 3;

    private readonly LacFrameEncoder _encoder;
    private readonly LacEncoderOptions _options;
    private int[][] _channels = [];

    public LacBlockCodec(LacEncoderOptions? options = null)
    {
        _options = options ?? LacEncoderOptions.Default;
        _encoder = new LacFrameEncoder(_options);
    }

    public LacEncoderOptions Options => _options;

    public static int HeaderLength(int channels) => 1 + LengthFieldBytes * channels;

    /// <summary>The most bytes a block of <paramref name="samplesPerChannel"/> x <paramref name="channels"/> can take.</summary>
    public static int MaxBlockLength(int samplesPerChannel, int channels)
    {
        ValidateChannels(channels);
        return HeaderLength(channels) + channels * LacFrameEncoder.MaxFrameLength(samplesPerChannel);
    }

    /// <summary>
    /// Encodes interleaved samples (1-65535 per channel, |s| &lt;= 2^23 - 1) as one block; returns its length.
    /// <paramref name="destination"/> must hold <see cref="MaxBlockLength"/> bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int EncodeBlock(ReadOnlySpan<int> interleaved, int channels, Span<byte> destination)
    {
        ValidateChannels(channels);
        if (interleaved.Length % channels != 0 || interleaved.Length == 0)
        {
            throw new ArgumentException($"{interleaved.Length} samples are not whole frames of {channels} channels.", nameof(interleaved));
        }
        int n = interleaved.Length / channels;
        if (n > LacFrameHeader.MaxFrameSampleCount)
        {
            throw new ArgumentOutOfRangeException(nameof(interleaved), $"A block holds at most 65535 samples per channel, not {n}.");
        }
        if (destination.Length < MaxBlockLength(n, channels))
        {
            throw new ArgumentException($"The destination needs {MaxBlockLength(n, channels)} bytes.", nameof(destination));
        }
        Deinterleave(interleaved, channels, n);
        if (channels >= 2 && _options.StereoDecorrelation && _options.ExhaustiveStereo)
        {
            return EncodeExhaustiveStereo(channels, n, destination);
        }
        var mode = channels >= 2 && _options.StereoDecorrelation
            ? ChooseStereoMode(_channels[0].AsSpan(0, n), _channels[1].AsSpan(0, n))
            : LacStereoMode.Independent;
        if (mode != LacStereoMode.Independent)
        {
            Decorrelate(mode, _channels[0].AsSpan(0, n), _channels[1].AsSpan(0, n));
        }
        destination[0] = (byte)mode;
        int position = HeaderLength(channels);
        for (int c = 0; c < channels; c++)
        {
            int length = _encoder.Encode(_channels[c].AsSpan(0, n), destination.Slice(position));
            WriteUInt24(destination.Slice(1 + LengthFieldBytes * c), length);
            position += length;
        }
        return position;
    }

    private byte[][] _stereoFrames = [];

    /// <summary>Encodes left, right, side and mid; keeps the cheapest legal pair.</summary>
    private int EncodeExhaustiveStereo(int channels, int n, Span<byte> destination)
    {
        int max = LacFrameEncoder.MaxFrameLength(n);
        if (_stereoFrames.Length == 0 || _stereoFrames[0].Length < max)
        {
            _stereoFrames = [new byte[max], new byte[max], new byte[max], new byte[max]];
        }
        var left = _channels[0].AsSpan(0, n);
        var right = _channels[1].AsSpan(0, n);
        bool sideFits = true;
        for (int i = 0; i < n && sideFits; i++)
        {
            sideFits = Math.Abs((long)left[i] - right[i]) <= LacFrameEncoder.MaxSampleMagnitude;
        }
        int leftLength = _encoder.Encode(left, _stereoFrames[0]);
        int rightLength = _encoder.Encode(right, _stereoFrames[1]);
        var mode = LacStereoMode.Independent;
        int sideLength = int.MaxValue, midLength = int.MaxValue;
        if (sideFits)
        {
            var mid = ArrayPoolRent(n, out var midArray);
            var side = ArrayPoolRent(n, out var sideArray);
            for (int i = 0; i < n; i++)
            {
                mid[i] = (int)(((long)left[i] + right[i]) >> 1);
                side[i] = left[i] - right[i];
            }
            sideLength = _encoder.Encode(side, _stereoFrames[2]);
            midLength = _encoder.Encode(mid, _stereoFrames[3]);
            System.Buffers.ArrayPool<int>.Shared.Return(midArray);
            System.Buffers.ArrayPool<int>.Shared.Return(sideArray);
            long best = Math.Min(Math.Min((long)leftLength + rightLength, (long)leftLength + sideLength),
                Math.Min((long)rightLength + sideLength, (long)midLength + sideLength));
            mode = best == (long)leftLength + rightLength ? LacStereoMode.Independent
                : best == (long)midLength + sideLength ? LacStereoMode.MidSide
                : best == (long)leftLength + sideLength ? LacStereoMode.LeftSide
                : LacStereoMode.RightSide;
        }
        (int first, int firstLength, int second, int secondLength) = mode switch
        {
            LacStereoMode.LeftSide => (0, leftLength, 2, sideLength),
            LacStereoMode.RightSide => (2, sideLength, 1, rightLength),
            LacStereoMode.MidSide => (3, midLength, 2, sideLength),
            _ => (0, leftLength, 1, rightLength),
        };
        destination[0] = (byte)mode;
        int position = HeaderLength(channels);
        _stereoFrames[first].AsSpan(0, firstLength).CopyTo(destination.Slice(position));
        WriteUInt24(destination.Slice(1), firstLength);
        position += firstLength;
        _stereoFrames[second].AsSpan(0, secondLength).CopyTo(destination.Slice(position));
        WriteUInt24(destination.Slice(1 + LengthFieldBytes), secondLength);
        position += secondLength;
        for (int c = 2; c < channels; c++)
        {
            int length = _encoder.Encode(_channels[c].AsSpan(0, n), destination.Slice(position));
            WriteUInt24(destination.Slice(1 + LengthFieldBytes * c), length);
            position += length;
        }
        return position;
    }

    private static Span<int> ArrayPoolRent(int n, out int[] array)
    {
        array = System.Buffers.ArrayPool<int>.Shared.Rent(n);
        return array.AsSpan(0, n);
    }

    /// <summary>
    /// Decodes a block into <paramref name="interleaved"/> (room for 65535 x channels always suffices); returns the
    /// samples per channel. Throws <see cref="LacFormatException"/> with the rejection class of the first bad frame,
    /// or <see cref="LacContainerException"/> when the block's own structure is broken.
    /// </summary>
    public int DecodeBlock(ReadOnlySpan<byte> block, int channels, Span<int> interleaved)
    {
        var result = TryDecodeBlock(block, channels, interleaved, out int samples, out string? structureError);
        if (structureError is not null)
        {
            throw new LacContainerException(structureError);
        }
        return result == LacRejection.None ? samples : throw new LacFormatException(result);
    }

    /// <summary>
    /// Decodes a block without throwing on bad data: returns the first frame rejection (or None), and sets
    /// <paramref name="structureError"/> when the block header itself is unusable. Output is written only on success.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public LacRejection TryDecodeBlock(ReadOnlySpan<byte> block, int channels, Span<int> interleaved, out int samplesPerChannel,
        out string? structureError)
    {
        ValidateChannels(channels);
        samplesPerChannel = 0;
        structureError = ReadHeader(block, channels, out var mode);
        if (structureError is not null)
        {
            return LacRejection.None;
        }
        EnsureChannels(channels, LacFrameHeader.MaxFrameSampleCount);
        int position = HeaderLength(channels);
        int n = -1;
        for (int c = 0; c < channels; c++)
        {
            int length = ReadUInt24(block.Slice(1 + LengthFieldBytes * c));
            var frame = block.Slice(position, length);
            var rejection = LacFrameDecoder.TryDecode(frame, _channels[c], out int count, out int consumed);
            if (rejection != LacRejection.None)
            {
                return rejection;
            }
            if (consumed != length)
            {
                structureError = $"channel {c}'s frame is {consumed} bytes but the block says {length}";
                return LacRejection.None;
            }
            if (n >= 0 && count != n)
            {
                structureError = $"channel {c} has {count} samples, channel 0 has {n}";
                return LacRejection.None;
            }
            n = count;
            position += length;
        }
        if (interleaved.Length < n * channels)
        {
            throw new ArgumentException($"The output needs room for {n * channels} samples.", nameof(interleaved));
        }
        if (mode != LacStereoMode.Independent)
        {
            Recorrelate(mode, _channels[0].AsSpan(0, n), _channels[1].AsSpan(0, n));
        }
        Interleave(channels, n, interleaved);
        samplesPerChannel = n;
        return LacRejection.None;
    }

    /// <summary>Checks the block header: a known mode, and frame lengths that add up to the block's length exactly.</summary>
    private static string? ReadHeader(ReadOnlySpan<byte> block, int channels, out LacStereoMode mode)
    {
        mode = LacStereoMode.Independent;
        int headerLength = HeaderLength(channels);
        if (block.Length < headerLength)
        {
            return $"block of {block.Length} bytes is shorter than its {headerLength}-byte header";
        }
        if (block[0] > (byte)LacStereoMode.MidSide || (block[0] != 0 && channels < 2))
        {
            return $"unknown stereo mode {block[0]} for {channels} channel(s)";
        }
        mode = (LacStereoMode)block[0];
        long total = headerLength;
        for (int c = 0; c < channels; c++)
        {
            total += ReadUInt24(block.Slice(1 + LengthFieldBytes * c));
        }
        return total == block.Length ? null : $"frame lengths add up to {total} bytes but the block has {block.Length}";
    }

    /// <summary>
    /// Picks the pair with the fewest bits as Levinson-Durbin's prediction error estimates them for left, right,
    /// mid and side (no residuals are computed: about a quarter of the cost of encoding the pair twice). Side is only
    /// allowed when every |L - R| stays within the spec's 2^23 - 1 bound, so 24-bit material near full scale falls
    /// back to independent coding.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private LacStereoMode ChooseStereoMode(ReadOnlySpan<int> left, ReadOnlySpan<int> right)
    {
        int n = left.Length;
        if (n < 8)
        {
            return LacStereoMode.Independent;
        }
        var mid = ArrayPoolRent(n, out var midArray);
        var side = ArrayPoolRent(n, out var sideArray);
        try
        {
            for (int i = 0; i < n; i++)
            {
                long difference = (long)left[i] - right[i];
                if (Math.Abs(difference) > LacFrameEncoder.MaxSampleMagnitude)
                {
                    return LacStereoMode.Independent;
                }
                side[i] = (int)difference;
                mid[i] = (int)(((long)left[i] + right[i]) >> 1);
            }
            double l = _encoder.EstimateBits(left), r = _encoder.EstimateBits(right);
            double m = _encoder.EstimateBits(mid), s = _encoder.EstimateBits(side);
            double independent = l + r, leftSide = l + s, rightSide = r + s, midSide = m + s;
            double best = Math.Min(Math.Min(independent, leftSide), Math.Min(rightSide, midSide));
            return best == independent ? LacStereoMode.Independent
                : best == midSide ? LacStereoMode.MidSide
                : best == leftSide ? LacStereoMode.LeftSide
                : LacStereoMode.RightSide;
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(midArray);
            System.Buffers.ArrayPool<int>.Shared.Return(sideArray);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decorrelate(LacStereoMode mode, Span<int> first, Span<int> second)
    {
        for (int i = 0; i < first.Length; i++)
        {
            int l = first[i], r = second[i];
            int side = l - r;
            (first[i], second[i]) = mode switch
            {
                LacStereoMode.LeftSide => (l, side),
                LacStereoMode.RightSide => (side, r),
                _ => ((int)(((long)l + r) >> 1), side),
            };
        }
    }

    /// <summary>The inverse of <see cref="Decorrelate"/>, in wrapping i32 arithmetic so hostile frames cannot fault it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Recorrelate(LacStereoMode mode, Span<int> first, Span<int> second)
    {
        // one loop per mode, so each is a plain loop the JIT can keep tight (the mode does not change within a block).
        unchecked
        {
            switch (mode)
            {
                case LacStereoMode.LeftSide:
                    for (int i = 0; i < first.Length; i++)
                    {
                        second[i] = first[i] - second[i];
                    }
                    break;
                case LacStereoMode.RightSide:
                    for (int i = 0; i < first.Length; i++)
                    {
                        first[i] += second[i];
                    }
                    break;
                default:
                    for (int i = 0; i < first.Length; i++)
                    {
                        (first[i], second[i]) = MidSideToLeftRight(first[i], second[i]);
                    }
                    break;
            }
        }
    }

    private static (int Left, int Right) MidSideToLeftRight(int mid, int side)
    {
        unchecked
        {
            int doubled = (mid << 1) | (side & 1);
            return ((doubled + side) >> 1, (doubled - side) >> 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Interleave(int channels, int n, Span<int> interleaved)
    {
        if (channels == 2)
        {
            var left = _channels[0].AsSpan(0, n);
            var right = _channels[1].AsSpan(0, n);
            var pairs = interleaved.Slice(0, 2 * n);
            for (int i = 0; i < left.Length; i++)
            {
                pairs[2 * i] = left[i];
                pairs[2 * i + 1] = right[i];
            }
            return;
        }
        for (int c = 0; c < channels; c++)
        {
            var channel = _channels[c];
            for (int i = 0; i < n; i++)
            {
                interleaved[i * channels + c] = channel[i];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Deinterleave(ReadOnlySpan<int> interleaved, int channels, int n)
    {
        EnsureChannels(channels, n);
        for (int c = 0; c < channels; c++)
        {
            var channel = _channels[c];
            for (int i = 0; i < n; i++)
            {
                channel[i] = interleaved[i * channels + c];
            }
        }
    }

    private void EnsureChannels(int channels, int n)
    {
        if (_channels.Length < channels)
        {
            Array.Resize(ref _channels, channels);
        }
        for (int c = 0; c < channels; c++)
        {
            if (_channels[c] is null || _channels[c].Length < n)
            {
                _channels[c] = new int[Math.Max(n, _options.BlockSize)];
            }
        }
    }

    private static void ValidateChannels(int channels)
    {
        if (channels is < 1 or > MaxChannels)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), $"LAC blocks carry 1-{MaxChannels} channels, not {channels}.");
        }
    }

    private static int ReadUInt24(ReadOnlySpan<byte> source) => (source[0] << 16) | (source[1] << 8) | source[2];

    private static void WriteUInt24(Span<byte> destination, int value)
    {
        if ((uint)value > 0xFFFFFF)
        {
            throw new InvalidOperationException("A frame longer than 16 MiB cannot occur for 65535 samples.");
        }
        destination[0] = (byte)(value >> 16);
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)value;
    }
}
