using System.Buffers.Binary;

namespace Hark.Codec.Index;

/// <summary>
/// Collects frame sizes as they are produced (import) or loaded chunk by chunk (read), then builds a
/// <see cref="FrameIndex"/>. Sizes are kept in 64 Ki-frame pages so a long recording never needs one
/// huge contiguous array while it grows.
/// </summary>
public sealed class FrameIndexBuilder
{
    private const int PageShift = 16;
    private const int PageSize = 1 << PageShift;

    private readonly List<int[]> _pages = [];
    private int _count;
    private long _bytes;

    public FrameIndexBuilder(int samplesPerFrame, int expectedFrames = 0)
    {
        if (samplesPerFrame <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(samplesPerFrame), samplesPerFrame, "samples per frame must be positive");
        }
        SamplesPerFrame = samplesPerFrame;
        _pages.Capacity = Math.Max(1, (expectedFrames + PageSize - 1) / PageSize);
    }

    internal delegate int SizeSource(int frame);

    public int SamplesPerFrame { get; }

    public int FrameCount => _count;

    public long TotalBytes => _bytes;

    public void Add(int frameSize)
    {
        if (frameSize < 0 || frameSize > FrameIndex.MaxFrameSize)
        {
            throw new ArgumentOutOfRangeException(nameof(frameSize), frameSize, $"frame size must be in 0..{FrameIndex.MaxFrameSize}");
        }
        if (_count == int.MaxValue)
        {
            throw new InvalidOperationException("frame table is full");
        }
        if ((_count & (PageSize - 1)) == 0 && _count >> PageShift == _pages.Count)
        {
            _pages.Add(new int[PageSize]);
        }
        _pages[_count >> PageShift][_count & (PageSize - 1)] = frameSize;
        _count++;
        _bytes += frameSize;
    }

    /// <summary>Adds little-endian uint16 (width 2) or uint32 (width 4) sizes.</summary>
    public void AddSerialized(ReadOnlySpan<byte> sizes, int width)
    {
        if (width is not (2 or 4) || sizes.Length % width != 0)
        {
            throw new InvalidDataException($"frame table: {sizes.Length} bytes is not a whole number of {width}-byte sizes");
        }
        for (int i = 0; i < sizes.Length; i += width)
        {
            long size = width == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(sizes.Slice(i)) : BinaryPrimitives.ReadUInt32LittleEndian(sizes.Slice(i));
            if (size > FrameIndex.MaxFrameSize)
            {
                throw new InvalidDataException($"frame table: frame {_count} has size {size} (allowed 0..{FrameIndex.MaxFrameSize})");
            }
            Add((int)size);
        }
    }

    public int SizeOf(int frame)
    {
        if ((uint)frame >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(frame), frame, $"frame must be in 0..{_count - 1}");
        }
        return _pages[frame >> PageShift][frame & (PageSize - 1)];
    }

    /// <param name="totalSamples">Samples covered by all frames; null means every frame is full.</param>
    public FrameIndex Build(long? totalSamples = null) => FrameIndex.Create(SamplesPerFrame, totalSamples, SizeOf, _count);
}
