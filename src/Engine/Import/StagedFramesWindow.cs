using System.Buffers.Binary;
using Hark.Storage.Staging;

namespace Hark.Engine.Import;

/// <summary>
/// Reads the frames of one staged PCM chunk by range, a window of consecutive frames at a time, instead of fetching
/// the whole object: an encoder reads a few frames of lead-in from the chunk before its own and a few of tail from
/// the chunk after, and memory stays at one window whatever the chunk's size. The window starts small and doubles
/// while reads go on in order, so a whole chunk still costs a handful of requests on a remote store.
/// </summary>
internal sealed class StagedFramesWindow
{
    private const int FirstWindowBytes = 64 << 10;
    private const int MostWindowBytes = 1 << 20;

    private readonly StagingArea _staging;
    private readonly int _chunk;
    private readonly long[] _offsets;
    private byte[] _buffer = [];
    private long _bufferStart;
    private int _first;
    private int _end; // frames [_first, _end) are in the buffer
    private int _windowBytes = FirstWindowBytes;

    private StagedFramesWindow(StagingArea staging, int chunk, long[] offsets)
    {
        _staging = staging;
        _chunk = chunk;
        _offsets = offsets;
    }

    public int FrameCount => _offsets.Length - 1;

    /// <summary>The chunk's frames and sizes table, or null when the chunk is not staged.</summary>
    public static async Task<StagedFramesWindow?> OpenAsync(StagingArea staging, int chunk, CancellationToken ct)
    {
        string name = StagingArea.PcmName(chunk);
        var head = new byte[StagedFramesHeader.Length];
        if (await staging.ReadPcmRangeAsync(chunk, 0, head, ct) is not { } read)
        {
            return null;
        }
        var header = StagedFramesHeader.Parse(head.AsSpan(0, read), name);
        var table = new byte[4 * header.FrameCount];
        if (await staging.ReadPcmRangeAsync(chunk, StagedFramesHeader.Length, table, ct) != table.Length)
        {
            throw new InvalidDataException($"staging object {name} is truncated");
        }
        var offsets = new long[header.FrameCount + 1];
        offsets[0] = header.TableEnd;
        for (int i = 0; i < header.FrameCount; i++)
        {
            offsets[i + 1] = offsets[i] + BinaryPrimitives.ReadUInt32LittleEndian(table.AsSpan(4 * i));
        }
        return new StagedFramesWindow(staging, chunk, offsets);
    }

    /// <summary>Frame <paramref name="index"/>; valid until the next call.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> FrameAsync(int index, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)FrameCount, nameof(index));
        if (index < _first || index >= _end)
        {
            await LoadFromAsync(index, ct);
        }
        return _buffer.AsMemory((int)(_offsets[index] - _bufferStart), (int)(_offsets[index + 1] - _offsets[index]));
    }

    private async Task LoadFromAsync(int index, CancellationToken ct)
    {
        _windowBytes = index == _end && _end > 0 ? Math.Min(MostWindowBytes, _windowBytes * 2) : FirstWindowBytes;
        int end = index + 1; // at least the frame asked for, whatever its size
        while (end < FrameCount && _offsets[end + 1] - _offsets[index] <= _windowBytes)
        {
            end++;
        }
        int length = checked((int)(_offsets[end] - _offsets[index]));
        if (_buffer.Length < length)
        {
            _buffer = new byte[Math.Max(length, Math.Min(MostWindowBytes, 2 * _buffer.Length))];
        }
        if (await _staging.ReadPcmRangeAsync(_chunk, _offsets[index], _buffer.AsMemory(0, length), ct) != length)
        {
            throw new InvalidDataException($"staging object {StagingArea.PcmName(_chunk)} is truncated");
        }
        _bufferStart = _offsets[index];
        _first = index;
        _end = end;
    }
}
