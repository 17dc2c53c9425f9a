namespace Hark.Codec.Ogg;

/// <summary>
/// Reads the packets of one logical Ogg stream from a byte stream, page by page (RFC 3533): lacing values join
/// segments into packets, a packet may continue on the next page. Each packet comes with the granule position of
/// the page it ends on when it is that page's last packet (-1 otherwise), which is how Ogg marks time. Pages of
/// other streams are skipped; a page that does not start with "OggS" where one should is an error, not a resync:
/// the input comes from ffmpeg's muxer, so damage means something is wrong.
/// </summary>
public sealed class OggPacketReader(Stream stream)
{
    private readonly byte[] _header = new byte[OggPageHeader.Length + 255];
    private readonly byte[] _page = new byte[255 * 255];
    private readonly MemoryStream _packet = new();
    private uint? _serial;
    private int _lacingIndex;
    private int _lacingCount;
    private int _pageOffset;
    private OggPageHeader _current;

    /// <summary>The granule position of the last page read.</summary>
    public long LastGranule => _current.GranulePosition;

    /// <summary>True once the page flagged end-of-stream was read.</summary>
    public bool Ended { get; private set; }

    /// <summary>The next whole packet, or null at the end of the stream.</summary>
    public OggPacket? ReadPacket()
    {
        while (true)
        {
            while (_lacingIndex < _lacingCount)
            {
                int length = _header[OggPageHeader.Length + _lacingIndex++];
                _packet.Write(_page, _pageOffset, length);
                _pageOffset += length;
                if (length < 255)
                {
                    var bytes = _packet.ToArray();
                    _packet.SetLength(0);
                    bool lastOnPage = !HasCompletePacketAfter(_lacingIndex);
                    return new OggPacket(bytes, lastOnPage ? _current.GranulePosition : -1);
                }
            }
            if (!ReadPage())
            {
                if (_packet.Length > 0)
                {
                    throw new InvalidDataException($"the Ogg stream ends inside a packet ({_packet.Length} bytes)");
                }
                return null;
            }
        }
    }

    private bool HasCompletePacketAfter(int index)
    {
        for (int i = index; i < _lacingCount; i++)
        {
            if (_header[OggPageHeader.Length + i] < 255)
            {
                return true;
            }
        }
        return false;
    }

    private bool ReadPage()
    {
        while (true)
        {
            int got = ReadFully(_header.AsSpan(0, OggPageHeader.Length));
            if (got == 0)
            {
                return false;
            }
            if (got < OggPageHeader.Length || !OggPageHeader.TryParse(_header, out var header))
            {
                throw new InvalidDataException("the Ogg stream holds something that is not a page");
            }
            if (ReadFully(_header.AsSpan(OggPageHeader.Length, header.Segments)) < header.Segments)
            {
                throw new InvalidDataException("the Ogg stream ends inside a page header");
            }
            int bodyLength = 0;
            for (int i = 0; i < header.Segments; i++)
            {
                bodyLength += _header[OggPageHeader.Length + i];
            }
            if (ReadFully(_page.AsSpan(0, bodyLength)) < bodyLength)
            {
                throw new InvalidDataException("the Ogg stream ends inside a page");
            }
            _serial ??= header.Serial;
            if (header.Serial != _serial)
            {
                continue; // another logical stream
            }
            _current = header;
            _lacingIndex = 0;
            _lacingCount = header.Segments;
            _pageOffset = 0;
            Ended |= header.LastPage;
            return true;
        }
    }

    private int ReadFully(Span<byte> destination)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int read = stream.Read(destination[total..]);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }
}
