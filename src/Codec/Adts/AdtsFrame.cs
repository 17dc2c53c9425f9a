namespace Hark.Codec.Adts;

/// <summary>
/// One frame as found in a stream. <see cref="Bytes"/> is the whole frame (header, CRC, payload) and refers to
/// the reader's buffer: it is valid until the reader's next call, so copy what you keep.
/// </summary>
public readonly record struct AdtsFrame(AdtsHeader Header, ReadOnlyMemory<byte> Bytes, long Offset, long SkippedBefore)
{
    public ReadOnlyMemory<byte> Payload => Bytes[Header.HeaderLength..];

    /// <summary>True when the frame has no CRC or its CRC matches the bytes.</summary>
    public bool CrcValid => !Header.HasCrc || AdtsCrc.ForFrame(Bytes.Span, Payload.Span) == Header.Crc;
}
