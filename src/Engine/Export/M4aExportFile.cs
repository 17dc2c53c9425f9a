using System.Security.Cryptography;
using System.Text;
using Hark.Codec.Mp4;
using Hark.Storage;

namespace Hark.Engine.Export;

/// <summary>
/// One M4A export, laid out: the header in memory, the frames where the archive holds them. A byte range is served by
/// slicing the header and reading only the stored frames the range overlaps (found by binary search of the frame
/// index's offsets), so the middle of a day-long export costs a few frames' reads, not the day before it.
/// </summary>
public sealed class M4aExportFile : IRangedExport
{
    private readonly RecordingReader _reader;
    private readonly M4aHeader _header;
    private readonly ExportFrames _frames;

    internal M4aExportFile(RecordingReader reader, M4aHeader header, ExportFrames frames, long firstSample, long endSample)
    {
        _reader = reader;
        _header = header;
        _frames = frames;
        Version = VersionOf(reader, firstSample, endSample);
    }

    public long Length => _header.FileLength;

    /// <summary>
    /// The same for the same bytes: the recording's generation (a replace makes a new one), the stretch, and the Hark
    /// version (another writer may lay the same frames out otherwise). A hash of them, so an ETag leaks no names.
    /// </summary>
    public string Version { get; }

    public async Task WriteAsync(long offset, long count, Stream destination, CancellationToken ct)
    {
        if (offset < 0 || count < 0 || offset + count > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), FormattableString.Invariant(
                $"bytes {offset}..{offset + count} are not within the export's {Length}"));
        }
        if (count == 0)
        {
            return;
        }
        long end = offset + count;
        int headerLength = _header.Bytes.Length;
        if (offset < headerLength)
        {
            await destination.WriteAsync(_header.Bytes.AsMemory((int)offset, (int)(Math.Min(end, headerLength) - offset)), ct);
        }
        if (end > headerLength)
        {
            await WriteFramesAsync(Math.Max(0, offset - headerLength), end - headerLength, destination, ct);
        }
        await destination.FlushAsync(ct);
    }

    /// <summary>Bytes [from, to) of mdat's frames: whole batches of the frames they overlap, cut at both ends.</summary>
    private async Task WriteFramesAsync(long from, long to, Stream destination, CancellationToken ct)
    {
        var index = _reader.Index;
        long origin = index.FrameOffset(_frames.FirstFrame);
        int first = FrameAt(origin + from);
        int last = FrameAt(origin + to - 1);
        await foreach (var batch in StoredFrameBatches.ReadAsync(_reader, first, last, ct))
        {
            long batchStart = index.FrameOffset(batch.FirstFrame) - origin;
            int skip = (int)Math.Max(0, from - batchStart);
            int take = (int)(Math.Min(to, batchStart + batch.Bytes.Length) - batchStart) - skip;
            await destination.WriteAsync(batch.Bytes.Slice(skip, take), ct);
        }
    }

    /// <summary>The exported frame holding the stored byte at <paramref name="storedOffset"/>.</summary>
    private int FrameAt(long storedOffset)
    {
        var index = _reader.Index;
        int low = _frames.FirstFrame, high = _frames.LastFrame;
        while (low < high)
        {
            int middle = low + (high - low + 1) / 2;
            if (index.FrameOffset(middle) <= storedOffset)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }
        return low;
    }

    private static string VersionOf(RecordingReader reader, long firstSample, long endSample)
    {
        var identity = FormattableString.Invariant($"{reader.Metadata.Id}\n{reader.Generation}\n{firstSample}\n{endSample}\n{M4aTags.HarkVersion}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)).AsSpan(0, 16));
    }
}
