using Hark.Codec.Index;
using Hark.Storage.Layout;
using Hark.Storage.Zarr;

namespace Hark.Storage;

/// <summary>
/// A recording's frame index as a reader holds it: the frame count, byte offsets and sizes, loaded by pages. A
/// recording written with page offsets (<c>index/page_offsets</c>: where each chunk of <c>index/frame_sizes</c>
/// starts in the audio) loads only the pages a read touches, so opening and first reading a 72-hour recording costs
/// what a 10-minute one does; one written before them is loaded whole when opened. Lookups are synchronous and O(1)
/// once <see cref="EnsureAsync"/> has loaded the pages of the frames asked about.
/// </summary>
public sealed class RecordingIndex
{
    private readonly string _id;
    private readonly ZarrArray? _sizes;
    private readonly IBlobStore? _blobs;
    private readonly long[] _pageStarts; // page p starts at _pageStarts[p]; the last entry is the audio's length
    private readonly FrameIndex?[] _pages;
    private readonly int _pageFrames;

    private RecordingIndex(string id, int frameCount, int samplesPerFrame, long audioBytes, int pageFrames, long[] pageStarts, FrameIndex?[] pages,
        ZarrArray? sizes, IBlobStore? blobs, long storedBytes)
    {
        _id = id;
        FrameCount = frameCount;
        SamplesPerFrame = samplesPerFrame;
        TotalAudioBytes = audioBytes;
        _pageFrames = pageFrames;
        _pageStarts = pageStarts;
        _pages = pages;
        _sizes = sizes;
        _blobs = blobs;
        StoredBytes = storedBytes;
    }

    public int FrameCount { get; }

    public int SamplesPerFrame { get; }

    /// <summary>Samples the frames hold together (every frame counted full).</summary>
    public long TotalSamples => (long)FrameCount * SamplesPerFrame;

    public long TotalAudioBytes { get; }

    /// <summary>Bytes the index occupies in the store.</summary>
    public long StoredBytes { get; }

    /// <summary>Pages the index is loaded by (1 for a recording loaded whole).</summary>
    public int PageCount => _pages.Length;

    /// <summary>Pages loaded so far.</summary>
    public int PagesLoaded => _pages.Count(p => p is not null);

    /// <summary>Memory the index takes once every page is loaded: what a cache charges for it from the start.</summary>
    public long MemoryBytes => (long)FrameCount * 9 / 4 + _pageStarts.Length * sizeof(long) + 64;

    /// <summary>An index loaded whole (recordings written before page offsets).</summary>
    internal static RecordingIndex Whole(string id, FrameIndex index, long storedBytes) =>
        new(id, index.FrameCount, index.SamplesPerFrame, index.TotalAudioBytes, Math.Max(1, index.FrameCount), [0, index.TotalAudioBytes], [index],
            null, null, storedBytes);

    /// <summary>An index read by pages: chunk p of <paramref name="sizes"/> holds frames [p * chunk, (p + 1) * chunk) starting at byte pageStarts[p].</summary>
    internal static RecordingIndex Paged(string id, IBlobStore blobs, ZarrArray sizes, int samplesPerFrame, long[] pageStarts, long audioBytes, long storedBytes)
    {
        var starts = new long[pageStarts.Length + 1];
        pageStarts.CopyTo(starts, 0);
        starts[^1] = audioBytes;
        return new RecordingIndex(id, (int)sizes.Metadata.Length, samplesPerFrame, audioBytes, sizes.Metadata.ChunkLength, starts,
            new FrameIndex?[pageStarts.Length], sizes, blobs, storedBytes);
    }

    /// <summary>Loads the pages holding frames [firstFrame, firstFrame + count] (the frame after the range too: its offset ends the range).</summary>
    public ValueTask EnsureAsync(int firstFrame, int count, CancellationToken ct)
    {
        if (FrameCount == 0)
        {
            return ValueTask.CompletedTask;
        }
        int first = Math.Clamp(firstFrame, 0, FrameCount - 1) / _pageFrames;
        int last = Math.Clamp(firstFrame + Math.Max(0, count - 1), 0, FrameCount - 1) / _pageFrames;
        for (int page = first; page <= last; page++)
        {
            if (Volatile.Read(ref _pages[page]) is null)
            {
                return LoadAsync(first, last, ct);
            }
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Every page: for what walks the whole recording (a whole export, verification).</summary>
    public ValueTask EnsureAllAsync(CancellationToken ct) => EnsureAsync(0, FrameCount, ct);

    private async ValueTask LoadAsync(int first, int last, CancellationToken ct)
    {
        for (int page = first; page <= last; page++)
        {
            if (Volatile.Read(ref _pages[page]) is null)
            {
                // Two reads racing load the same page and keep one of two equal copies: no lock on the read path.
                Volatile.Write(ref _pages[page], await LoadPageAsync(page, ct));
            }
        }
    }

    private async Task<FrameIndex> LoadPageAsync(int page, CancellationToken ct)
    {
        var sizes = _sizes!;
        byte[] stored;
        try
        {
            stored = await _blobs!.GetAsync(sizes.ChunkKey(page), ct);
        }
        catch (BlobNotFoundException)
        {
            throw new CorruptChunkException(_id, ArchiveLayout.FrameSizesArray, page, "missing");
        }
        ArraySegment<byte> decoded;
        try
        {
            decoded = ZarrChunkCodec.Decode(sizes.Metadata, stored, sizes.ChunkKey(page));
        }
        catch (ZarrChecksumException e)
        {
            throw new CorruptChunkException(_id, ArchiveLayout.FrameSizesArray, page, e.Reason);
        }
        catch (ZarrFormatException e)
        {
            throw new CorruptRecordingException(_id, e.Message);
        }
        int width = sizes.Metadata.DataType.Size;
        int frames = (int)Math.Min(_pageFrames, FrameCount - (long)page * _pageFrames);
        var builder = new FrameIndexBuilder(SamplesPerFrame, frames);
        FrameIndex index;
        try
        {
            builder.AddSerialized(decoded.AsSpan(0, frames * width), width);
            index = builder.Build();
        }
        catch (InvalidDataException e)
        {
            throw new CorruptRecordingException(_id, e.Message);
        }
        long expected = _pageStarts[page + 1] - _pageStarts[page];
        if (index.TotalAudioBytes != expected)
        {
            throw new CorruptRecordingException(_id,
                $"frame sizes of index page {page} add up to {index.TotalAudioBytes} bytes, its page offsets say {expected}");
        }
        return index;
    }

    /// <summary>Byte offset of <paramref name="frame"/> in the audio; <see cref="FrameCount"/> gives the end.</summary>
    public long FrameOffset(int frame)
    {
        if (frame == FrameCount)
        {
            return TotalAudioBytes;
        }
        if ((uint)frame < (uint)FrameCount && frame % _pageFrames == 0)
        {
            return _pageStarts[frame / _pageFrames]; // a page's first frame: known without its page, so a range may end there
        }
        var (page, local) = PageOf(frame);
        return _pageStarts[page] + local.FrameOffset(frame - page * _pageFrames);
    }

    public int FrameSize(int frame)
    {
        var (page, local) = PageOf(frame);
        return local.FrameSize(frame - page * _pageFrames);
    }

    public long FirstSampleOfFrame(int frame) =>
        (uint)frame <= (uint)FrameCount ? (long)frame * SamplesPerFrame : throw new ArgumentOutOfRangeException(nameof(frame), frame, $"frame must be in 0..{FrameCount}");

    /// <summary>The frame holding stream sample <paramref name="sample"/> (0-based, encoder priming included).</summary>
    public int FrameOfSample(long sample) =>
        sample >= 0 && sample < TotalSamples ? (int)(sample / SamplesPerFrame)
            : throw new ArgumentOutOfRangeException(nameof(sample), sample, $"sample must be in 0..{TotalSamples - 1}");

    private (int Page, FrameIndex Index) PageOf(int frame)
    {
        if ((uint)frame >= (uint)FrameCount)
        {
            throw new ArgumentOutOfRangeException(nameof(frame), frame, $"frame must be in 0..{FrameCount - 1}");
        }
        int page = frame / _pageFrames;
        return (page, Volatile.Read(ref _pages[page])
            ?? throw new InvalidOperationException($"recording {_id}: index page {page} (frame {frame}) is not loaded; EnsureAsync first"));
    }
}
