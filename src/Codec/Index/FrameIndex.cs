using System.Buffers.Binary;

namespace Hark.Codec.Index;

/// <summary>
/// The frame table of one encoded stream: every frame's byte size, with byte offsets derived once on load.
/// Every frame holds <see cref="SamplesPerFrame"/> samples except possibly the last, so sample positions
/// are arithmetic and never stored. Lookups are O(1): offsets are kept as a 64-bit base per block of
/// <see cref="BlockFrames"/> frames plus a 32-bit offset inside the block per frame (~4 bytes per frame
/// in memory instead of 8 for a plain long[]).
/// </summary>
public sealed class FrameIndex
{
    /// <summary>Frames per offset block: a power of two so the block of a frame is a shift.</summary>
    public const int BlockFrames = 256;
    private const int BlockShift = 8;

    /// <summary>Largest frame size accepted: keeps a block (256 frames) inside the 32-bit in-block offsets.</summary>
    public const int MaxFrameSize = 16 * 1024 * 1024;

    private readonly long[] _blockStarts;   // byte offset of frame (b * BlockFrames); one extra entry = TotalAudioBytes
    private readonly uint[] _offsetInBlock; // frame i starts at _blockStarts[i >> 8] + _offsetInBlock[i]
    private readonly int _maxFrameSize;

    private FrameIndex(int samplesPerFrame, long totalSamples, long[] blockStarts, uint[] offsetInBlock, int frameCount, long totalBytes, int maxFrameSize)
    {
        SamplesPerFrame = samplesPerFrame;
        TotalSamples = totalSamples;
        _blockStarts = blockStarts;
        _offsetInBlock = offsetInBlock;
        FrameCount = frameCount;
        TotalAudioBytes = totalBytes;
        _maxFrameSize = maxFrameSize;
    }

    public int FrameCount { get; }

    public int SamplesPerFrame { get; }

    /// <summary>Samples the frames hold together: FrameCount * SamplesPerFrame unless the last frame is shorter.</summary>
    public long TotalSamples { get; }

    public long TotalAudioBytes { get; }

    /// <summary>The widest size entry needed to store this table: 2 bytes (uint16) or 4 (uint32).</summary>
    public int SizeWidth => _maxFrameSize > ushort.MaxValue ? 4 : 2;

    /// <summary>The largest frame in bytes (0 for an empty table).</summary>
    public int MaxFrameSizeInTable => _maxFrameSize;

    /// <summary>Approximate memory the loaded table holds, for cache accounting.</summary>
    public long MemoryBytes => (long)_offsetInBlock.Length * sizeof(uint) + (long)_blockStarts.Length * sizeof(long);

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
        var blockStarts = new long[(frameCount + BlockFrames - 1) / BlockFrames + 1];
        var offsetInBlock = new uint[frameCount + 1];
        long offset = 0;
        long blockStart = 0;
        int maxSize = 0;
        for (int i = 0; i < frameCount; i++)
        {
            if ((i & (BlockFrames - 1)) == 0)
            {
                blockStart = offset;
                blockStarts[i >> BlockShift] = offset;
            }
            offsetInBlock[i] = (uint)(offset - blockStart);
            int size = sizes(i);
            if (size < 0 || size > MaxFrameSize)
            {
                throw new InvalidDataException($"frame table: frame {i} has size {size} (allowed 0..{MaxFrameSize})");
            }
            maxSize = Math.Max(maxSize, size);
            offset += size;
        }
        // The end sentinel lets FrameSize(i) be a difference for every frame, the last included.
        if ((frameCount & (BlockFrames - 1)) == 0)
        {
            blockStart = offset;
        }
        blockStarts[^1] = offset;
        offsetInBlock[frameCount] = (uint)(offset - blockStart);
        return new FrameIndex(samplesPerFrame, samples, blockStarts, offsetInBlock, frameCount, offset, maxSize);
    }

    /// <summary>Byte offset of frame <paramref name="frame"/> in the audio stream; FrameCount gives the end.</summary>
    public long FrameOffset(int frame)
    {
        if ((uint)frame > (uint)FrameCount)
        {
            throw new ArgumentOutOfRangeException(nameof(frame), frame, $"frame must be in 0..{FrameCount}");
        }
        return frame == FrameCount ? TotalAudioBytes : _blockStarts[frame >> BlockShift] + _offsetInBlock[frame];
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

    /// <summary>Writes frame sizes [firstFrame, firstFrame + n) as little-endian uint16 or uint32 into destination.</summary>
    public int WriteSizes(int firstFrame, Span<byte> destination, int width)
    {
        CheckWidth(width);
        if (width == 2 && _maxFrameSize > ushort.MaxValue)
        {
            throw new InvalidOperationException($"frame table: a frame of {_maxFrameSize} bytes does not fit 16-bit sizes");
        }
        int count = Math.Min(destination.Length / width, FrameCount - firstFrame);
        for (int i = 0; i < count; i++)
        {
            int size = FrameSize(firstFrame + i);
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

    private static int CheckWidth(int width) => width is 2 or 4
        ? width
        : throw new ArgumentOutOfRangeException(nameof(width), width, "size width must be 2 (uint16) or 4 (uint32)");
}
