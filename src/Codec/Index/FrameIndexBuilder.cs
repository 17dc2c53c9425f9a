using System.Buffers.Binary;

namespace Hark.Codec.Index;

/// <summary>
/// Collects frame sizes as they are produced (import) or loaded chunk by chunk (read), then builds a
/// <see cref="FrameIndex"/>. Sizes are kept in 64 Ki-frame pages of 16-bit values (a page widens to 32 bits only
/// when it holds a frame over 65535 bytes), so an import of days of AAC holds 2 bytes per frame and never needs
/// one huge contiguous array.
/// </summary>
public sealed class FrameIndexBuilder
{
    private const int PageShift = 16;
    private const int PageSize = 1 << PageShift;
    private const int PageMask = PageSize - 1;

    private readonly List<ushort[]?> _narrowPages = [];
    private readonly List<int[]?> _widePages = [];
    private int _count;
    private long _bytes;

    public FrameIndexBuilder(int samplesPerFrame, int expectedFrames = 0)
    {
        if (samplesPerFrame <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(samplesPerFrame), samplesPerFrame, "samples per frame must be positive");
        }
        SamplesPerFrame = samplesPerFrame;
        int pages = Math.Max(1, (int)(((long)expectedFrames + PageSize - 1) / PageSize));
        _narrowPages.Capacity = pages;
        _widePages.Capacity = pages;
    }

    internal delegate int SizeSource(int frame);

    public int SamplesPerFrame { get; }

    public int FrameCount => _count;

    public long TotalBytes => _bytes;

    public int MaxFrameSize { get; private set; }

    /// <summary>The narrowest size entry that holds every frame: 2 bytes (uint16) or 4 (uint32).</summary>
    public int SizeWidth => MaxFrameSize > ushort.MaxValue ? 4 : 2;

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
        int page = _count >> PageShift;
        if (page == _narrowPages.Count)
        {
            _narrowPages.Add(new ushort[PageSize]);
            _widePages.Add(null);
        }
        int slot = _count & PageMask;
        if (_widePages[page] is { } wide)
        {
            wide[slot] = frameSize;
        }
        else if (frameSize <= ushort.MaxValue)
        {
            _narrowPages[page]![slot] = (ushort)frameSize;
        }
        else
        {
            // First large frame of this page: widen it once.
            var widened = new int[PageSize];
            var narrow = _narrowPages[page]!;
            for (int i = 0; i < slot; i++)
            {
                widened[i] = narrow[i];
            }
            widened[slot] = frameSize;
            _widePages[page] = widened;
            _narrowPages[page] = null;
        }
        _count++;
        _bytes += frameSize;
        MaxFrameSize = Math.Max(MaxFrameSize, frameSize);
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
        int page = frame >> PageShift;
        return _widePages[page] is { } wide ? wide[frame & PageMask] : _narrowPages[page]![frame & PageMask];
    }

    /// <summary>Writes sizes from <paramref name="firstFrame"/> as little-endian uint16/uint32 until destination or frames end.</summary>
    /// <returns>Bytes written.</returns>
    public int WriteSizes(int firstFrame, Span<byte> destination, int width) => FrameIndex.WriteSizes(SizeOf, _count, MaxFrameSize, firstFrame, destination, width);

    /// <param name="totalSamples">Samples covered by all frames; null means every frame is full.</param>
    public FrameIndex Build(long? totalSamples = null) => FrameIndex.Create(SamplesPerFrame, totalSamples, SizeOf, _count);
}
