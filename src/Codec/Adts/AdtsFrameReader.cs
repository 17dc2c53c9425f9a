using System.Buffers;

namespace Hark.Codec.Adts;

/// <summary>
/// Reads ADTS frames from a stream, resynchronising after damage: bytes that do not start a valid frame are
/// skipped and counted. A frame found after a gap (or at the start) is accepted only if the next frame also
/// parses with the same fixed fields, so a stray 0xFFF in garbage does not derail the stream.
/// </summary>
public sealed class AdtsFrameReader : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _endOfStream;
    private bool _synced;
    private AdtsHeader? _reference;

    public AdtsFrameReader(Stream stream, bool leaveOpen = false)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>Bytes skipped so far because they did not belong to a valid frame.</summary>
    public long BytesSkipped { get; private set; }

    /// <summary>How many separate runs of bytes were skipped.</summary>
    public int Resyncs { get; private set; }

    /// <summary>Bytes of a last frame cut short by the end of the stream.</summary>
    public long TruncatedBytes { get; private set; }

    /// <summary>Stream offset of the next unread byte.</summary>
    public long Position => _bufferOffset + _start;

    public bool TryReadNext(out AdtsFrame frame)
    {
        long skippedHere = 0;
        while (true)
        {
            Ensure(AdtsHeader.ProtectedLength);
            int available = _end - _start;
            if (available == 0)
            {
                frame = default;
                return false;
            }

            if (AdtsHeader.TryParse(_buffer.AsSpan(_start, available), out var header, out _)
                && (_reference is null || header.HasSameFixedFields(_reference.Value)))
            {
                Ensure(header.FrameLength);
                available = _end - _start;
                if (available < header.FrameLength)
                {
                    if (_synced)
                    {
                        TruncatedBytes = available;
                        _start = _end;
                        frame = default;
                        return false;
                    }
                }
                else if (_synced || IsConfirmedByNextFrame(header))
                {
                    frame = new AdtsFrame(header, _buffer.AsMemory(_start, header.FrameLength), Position, skippedHere);
                    _start += header.FrameLength;
                    _synced = true;
                    _reference ??= header;
                    return true;
                }
            }

            if (skippedHere == 0)
            {
                Resyncs++;
            }
            _synced = false;
            _start++;
            skippedHere++;
            BytesSkipped++;
        }
    }

    /// <summary>Reads every remaining frame, handing each to <paramref name="onFrame"/>.</summary>
    public int ReadAll(Action<AdtsFrame> onFrame)
    {
        int count = 0;
        while (TryReadNext(out var frame))
        {
            onFrame(frame);
            count++;
        }
        return count;
    }

    private bool IsConfirmedByNextFrame(in AdtsHeader candidate)
    {
        Ensure(candidate.FrameLength + AdtsHeader.ProtectedLength);
        var rest = _buffer.AsSpan(_start + candidate.FrameLength, _end - _start - candidate.FrameLength);
        if (rest.IsEmpty)
        {
            return true;
        }
        return AdtsHeader.TryParse(rest, out var next, out _) && next.HasSameFixedFields(candidate);
    }

    private void Ensure(int count)
    {
        if (_end - _start >= count || _endOfStream)
        {
            return;
        }
        if (count > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(count, _buffer.Length * 2));
            _buffer.AsSpan(_start, _end - _start).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
        }
        _bufferOffset += _start;
        _end -= _start;
        _start = 0;
        while (_end < count)
        {
            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _endOfStream = true;
                return;
            }
            _end += read;
        }
    }

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
