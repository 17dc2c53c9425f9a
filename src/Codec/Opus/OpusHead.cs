using System.Buffers.Binary;

namespace Hark.Codec.Opus;

/// <summary>
/// The Opus identification header (RFC 7845 section 5.1): "OpusHead", version 1, channel count, pre-skip (samples
/// at 48 kHz to drop from the decoder's output), the input's sample rate (informational), output gain (Q7.8 dB)
/// and the channel mapping family with, for family 1 and up, the stream counts and the mapping table.
/// </summary>
public readonly record struct OpusHead(byte Channels, ushort PreSkip, uint InputSampleRate, short OutputGain, byte MappingFamily,
    byte StreamCount = 1, byte CoupledCount = 0, byte[]? Mapping = null)
{
    public const int MinimumLength = 19;

    public static bool TryParse(ReadOnlySpan<byte> packet, out OpusHead head)
    {
        head = default;
        if (packet.Length < MinimumLength || !packet[..8].SequenceEqual("OpusHead"u8) || (packet[8] & 0xF0) != 0 || packet[9] == 0)
        {
            return false;
        }
        byte channels = packet[9];
        byte family = packet[18];
        byte streams = 1, coupled = (byte)(channels == 2 ? 1 : 0);
        byte[]? mapping = null;
        if (family != 0)
        {
            if (packet.Length < MinimumLength + 2 + channels)
            {
                return false;
            }
            streams = packet[19];
            coupled = packet[20];
            mapping = packet.Slice(21, channels).ToArray();
        }
        head = new OpusHead(channels, BinaryPrimitives.ReadUInt16LittleEndian(packet[10..]), BinaryPrimitives.ReadUInt32LittleEndian(packet[12..]),
            BinaryPrimitives.ReadInt16LittleEndian(packet[16..]), family, streams, coupled, mapping);
        return true;
    }

    public static OpusHead Parse(ReadOnlySpan<byte> packet) =>
        TryParse(packet, out var head) ? head : throw new InvalidDataException("not an OpusHead packet");

    public int Length => MinimumLength + (MappingFamily == 0 ? 0 : 2 + Channels);

    public void WriteTo(Span<byte> destination)
    {
        "OpusHead"u8.CopyTo(destination);
        destination[8] = 1;
        destination[9] = Channels;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[10..], PreSkip);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], InputSampleRate);
        BinaryPrimitives.WriteInt16LittleEndian(destination[16..], OutputGain);
        destination[18] = MappingFamily;
        if (MappingFamily != 0)
        {
            destination[19] = StreamCount;
            destination[20] = CoupledCount;
            Mapping.AsSpan().CopyTo(destination[21..]);
        }
    }
}
