using System.Buffers.Binary;

namespace Hark.Codec.Index;

/// <summary>
/// The frame table of one encoded stream: every frame's byte size, with byte offsets derived once on load.
/// Every frame holds <see cref="SamplesPerFrame"/> samples except possibly the last, so sample positions are
/// arithmetic and never stored. Lookups are O(1): a 64-bit offset per block of <see cref="BlockFrames"/> frames
/// plus each frame's offset inside its block, 16-bit when every block spans under 64 KiB (AAC: ~2.3 bytes per
/// frame in memory) and 32-bit otherwise (large lossless frames).
/// </summary>
public sealed class FrameIndex
{
    /// <summary>Frames per offset block: a power of two so the block of a frame is a shift.</summary>
    public const int BlockFrames = 32;
    private const int BlockShift = 5;

    /// <summary>Largest frame size accepted: keeps a block's span inside the 32-bit in-block offsets.</summary>
    public const int MaxFrameSize = 16 * 1024 * 1024;

    private readonly long[] _blockStarts;     // byte offset of frame (b * BlockFrames)
    private readonly ushort[]? _narrowOffsets; // frame i starts at _blockStarts[i >> 5] + offset[i]
    private readonly uint[]? _wideOffsets;
    private readonly int _maxFrameSize;

    private FrameIndex(int samplesPerFrame, long totalSamples, long[] blockStarts, ushort[]? narrow, uint[]? wide, int frameCount, long totalBytes, int maxFrameSize)
    {
        SamplesPerFrame = samplesPerFrame;
        TotalSamples = totalSamples;
        _blockStarts = blockStarts;
        _narrowOffsets = narrow;
        _wideOffsets = wide;
        FrameCount = frameCount;
        TotalAudioBytes = totalBytes;
        _maxFrameSize = maxFrameSize;
    }

    public int FrameCount { get; }

    public int SamplesPerFrame { get; }

    /// <summary>Samples the frames hold together: FrameCount * SamplesPerFrame unless the last frame is shorter.</summary>
    public long TotalSamples { get; }

    public long TotalAudioBytes { get; }

    /// <summary>The narrowest size entry that stores this table: 2 bytes (uint16) or 4 (uint32).</summary>
    public int SizeWidth => _maxFrameSize > ushort.MaxValue ? 4 : 2;

    /// <summary>The largest frame in bytes (0 for an empty table).</summary>
    public int MaxFrameSizeInTable => _maxFrameSize;

    /// <summary>Memory the loaded table holds, for cache accounting.</summary>
    public long MemoryBytes => (long)_blockStarts.Length * sizeof(long)
                               + (_narrowOffsets?.LongLength ?? 0) * sizeof(ushort)
                               + (_wideOffsets?.LongLength ?? 0) * sizeof(uint);

    /// <summary>Builds the table from frame sizes in stream order.</summary>
    /// <param name="totalSamples">Samples covered by all frames; null means every frame is full.</param>
    public static FrameIndex FromSizes(ReadOnlySpan<int> sizes, int samplesPerFrame, long? totalSamples = null)
    {
        var builder = new FrameIndexBuilder(samplesPerFrame, sizes.Length);
        foreach (var size in sizes)
        {
            builder.Add(size);
        }
        return builder.Build(totalSamples);
    }

    internal static FrameIndex Create(int samplesPerFrame, long? totalSamples, FrameIndexBuilder.SizeSource sizes, int frameCount)
    {
        if (samplesPerFrame <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(samplesPerFrame), samplesPerFrame, "samples per frame must be positive");
        }
        long full = (long)frameCount * samplesPerFrame;
        long samples = totalSamples ?? full;
        if (samples > full || (frameCount > 0 && samples <= full - samplesPerFrame) || (frameCount == 0 && samples != 0))
        {
            throw new InvalidDataException(
                $"frame table: {frameCount} frames of {samplesPerFrame} samples cannot hold {samples} samples (only the last frame may be shorter)");
        }

        // Pass 1: validate sizes and find whether every in-block offset fits 16 bits.
        int maxSize = 0;
        long maxInBlock = 0;
        long inBlock = 0;
        for (int i = 0; i < frameCount; i++)
        {
            if ((i & (BlockFrames - 1)) == 0)
            {
                inBlock = 0;
            }
            maxInBlock = Math.Max(maxInBlock, inBlock);
            int size = sizes(i);
            if (size < 0 || size > MaxFrameSize)
            {
                throw new InvalidDataException($"frame table: frame {i} has size {size} (allowed 0..{MaxFrameSize})");
            }
            maxSize = Math.Max(maxSize, size);
            inBlock += size;
        }
        bool narrow = maxInBlock <= ushort.MaxValue;

        // Pass 2: block starts and in-block offsets.
        var blockStarts = new long[(frameCount + BlockFrames - 1) / BlockFrames];
        var narrowOffsets = narrow ? new ushort[frameCount] : null;
        var wideOffsets = narrow ? null : new uint[frameCount];
        long offset = 0;
        long blockStart = 0;
        for (int i = 0; i < frameCount; i++)
        {
            if ((i & (BlockFrames - 1)) == 0)
            {
                blockStart = offset;
                blockStarts[i >> BlockShift] = offset;
            }
            if (narrow)
            {
                narrowOffsets![i] = (ushort)(offset - blockStart);
            }
            else
            {
                wideOffsets![i] = (uint)(offset - blockStart);
            }
            offset += sizes(i);
        }
        return new FrameIndex(samplesPerFrame, samples, blockStarts, narrowOffsets, wideOffsets, frameCount, offset, maxSize);
    }

    /// <summary>Byte offset of frame <paramref name="frame"/> in the audio stream; FrameCount gives the end.</summary>
    public long FrameOffset(int frame)
    {
        if ((uint)frame >= (uint)FrameCount)
        {
            return frame == FrameCount
                ? TotalAudioBytes
                : throw new ArgumentOutOfRangeException(nameof(frame), frame, $"frame must be in 0..{FrameCount}");
        }
        return _blockStarts[frame >> BlockShift] + (_narrowOffsets is { } narrow ? narrow[frame] : _wideOffsets![frame]);
    }

    public int FrameSize(int frame)
    {
        if ((uint)frame >= (uint)FrameCount)
        {
            throw new ArgumentOutOfRangeException(nameof(frame), frame, $"frame must be in 0..{FrameCount - 1}");
        }
        return (int)(FrameOffset(frame + 1) - FrameOffset(frame));
    }

    public long FirstSampleOfFrame(int frame)
    {
        if ((uint)frame > (uint)FrameCount)
        {
            throw new ArgumentOutOfRangeException(nameof(frame), frame, $"frame must be in 0..{FrameCount}");
        }
        return frame == FrameCount ? TotalSamples : (long)frame * SamplesPerFrame;
    }

    /// <summary>Samples in frame <paramref name="frame"/>: SamplesPerFrame, or fewer for a short last frame.</summary>
    public int SamplesInFrame(int frame) => (int)(FirstSampleOfFrame(frame + 1) - FirstSampleOfFrame(frame));

    /// <summary>The frame holding stream sample <paramref name="sample"/> (0-based, encoder priming included).</summary>
    public int FrameOfSample(long sample)
    {
        if (sample < 0 || sample >= TotalSamples)
        {
            throw new ArgumentOutOfRangeException(nameof(sample), sample, $"sample must be in 0..{TotalSamples - 1}");
        }
        return (int)(sample / SamplesPerFrame);
    }

    /// <summary>Bytes of the serialized size table for a width of 2 (uint16) or 4 (uint32) per frame.</summary>
    public long SerializedSizeBytes(int width) => (long)FrameCount * CheckWidth(width);

    /// <summary>Writes frame sizes from <paramref name="firstFrame"/> as little-endian uint16/uint32 until destination or frames end.</summary>
    /// <returns>Bytes written.</returns>
    public int WriteSizes(int firstFrame, Span<byte> destination, int width) => WriteSizes(FrameSize, FrameCount, _maxFrameSize, firstFrame, destination, width);

    /// <summary>The whole size table as little-endian uint16 or uint32 values.</summary>
    public byte[] SerializeSizes(int width)
    {
        var bytes = new byte[SerializedSizeBytes(width)];
        WriteSizes(0, bytes, width);
        return bytes;
    }

    /// <summary>Reads a table written by <see cref="SerializeSizes"/>.</summary>
    public static FrameIndex DeserializeSizes(ReadOnlySpan<byte> sizes, int width, int samplesPerFrame, long? totalSamples = null)
    {
        CheckWidth(width);
        if (sizes.Length % width != 0)
        {
            throw new InvalidDataException($"frame table: {sizes.Length} bytes is not a whole number of {width}-byte sizes");
        }
        var builder = new FrameIndexBuilder(samplesPerFrame, sizes.Length / width);
        builder.AddSerialized(sizes, width);
        return builder.Build(totalSamples);
    }

    internal static int WriteSizes(FrameIndexBuilder.SizeSource sizes, int frameCount, int maxFrameSize, int firstFrame, Span<byte> destination, int width)
    {
        CheckWidth(width);
        if (width == 2 && maxFrameSize > ushort.MaxValue)
        {
            throw new InvalidOperationException($"frame table: a frame of {maxFrameSize} bytes does not fit 16-bit sizes");
        }
        if ((uint)firstFrame > (uint)frameCount)
        {
            throw new ArgumentOutOfRangeException(nameof(firstFrame), firstFrame, $"frame must be in 0..{frameCount}");
        }
        int count = Math.Min(destination.Length / width, frameCount - firstFrame);
        for (int i = 0; i < count; i++)
        {
            int size = sizes(firstFrame + i);
            if (width == 2)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(i * 2), (ushort)size);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(i * 4), (uint)size);
            }
        }
        return count * width;
    }

    private static int CheckWidth(int width) => width is 2 or 4
        ? width
        : throw new ArgumentOutOfRangeException(nameof(width), width, "size width must be 2 (uint16) or 4 (uint32)");
}
