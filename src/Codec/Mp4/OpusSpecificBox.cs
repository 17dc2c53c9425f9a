using System.Buffers.Binary;

namespace Hark.Codec.Mp4;

/// <summary>
/// dOps, the OpusSpecificBox of "Encapsulation of Opus in ISO Base Media File Format" (section 4.3.2): the fields of
/// Ogg Opus's ID header (RFC 7845 section 5.1) without its magic, big-endian. Version 0. Channel mapping family 0 (mono
/// or stereo, one stream) carries no mapping table; family 1 (up to 8 channels in Vorbis order) carries stream counts
/// and one mapping byte per output channel.
/// </summary>
/// <param name="PreSkip">Samples at 48 kHz to drop from the decoder's output: the encoder's lookahead. The spec calls the
/// field informative: players trim through the edit list, whose media_time includes it.</param>
/// <param name="InputSampleRate">The source's rate before encoding, for information: the decoder runs at 48 kHz.</param>
/// <param name="OutputGain">Q7.8 dB to apply on output; Hark stores the level as recorded, so 0.</param>
public readonly record struct OpusSpecificBox(
    byte OutputChannelCount, ushort PreSkip, uint InputSampleRate, short OutputGain, byte ChannelMappingFamily,
    byte StreamCount = 1, byte CoupledCount = 0, byte[]? ChannelMapping = null)
{
    /// <summary>Version 0 with family 0: 11 bytes of body.</summary>
    private const int FamilyZeroLength = 11;

    public static OpusSpecificBox MonoOrStereo(int channels, int preSkip, int inputSampleRate)
    {
        if (channels is < 1 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "channel mapping family 0 carries 1 or 2 channels");
        }
        return new OpusSpecificBox((byte)channels, checked((ushort)preSkip), checked((uint)inputSampleRate), 0, 0,
            1, (byte)(channels - 1));
    }

    public void WriteTo(Mp4BoxWriter writer)
    {
        writer.Begin("dOps");
        writer.UInt8(0); // Version
        writer.UInt8(OutputChannelCount);
        writer.UInt16(PreSkip);
        writer.UInt32(InputSampleRate);
        writer.Int16(OutputGain);
        writer.UInt8(ChannelMappingFamily);
        if (ChannelMappingFamily != 0)
        {
            var mapping = ChannelMapping ?? throw new InvalidOperationException("a channel mapping family other than 0 needs its mapping table");
            if (mapping.Length != OutputChannelCount)
            {
                throw new InvalidOperationException($"the mapping table has {mapping.Length} entries for {OutputChannelCount} channels");
            }
            writer.UInt8(StreamCount);
            writer.UInt8(CoupledCount);
            writer.Bytes(mapping);
        }
        writer.End();
    }

    /// <summary>Reads a dOps body (the bytes after the box header); false when it is not version 0 or is cut short.</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out OpusSpecificBox box)
    {
        box = default;
        if (body.Length < FamilyZeroLength || body[0] != 0)
        {
            return false;
        }
        byte channels = body[1];
        byte family = body[10];
        if (family == 0)
        {
            box = new OpusSpecificBox(channels, BinaryPrimitives.ReadUInt16BigEndian(body[2..]), BinaryPrimitives.ReadUInt32BigEndian(body[4..]),
                BinaryPrimitives.ReadInt16BigEndian(body[8..]), 0, 1, (byte)(channels > 1 ? 1 : 0));
            return true;
        }
        if (body.Length < FamilyZeroLength + 2 + channels)
        {
            return false;
        }
        box = new OpusSpecificBox(channels, BinaryPrimitives.ReadUInt16BigEndian(body[2..]), BinaryPrimitives.ReadUInt32BigEndian(body[4..]),
            BinaryPrimitives.ReadInt16BigEndian(body[8..]), family, body[11], body[12], body.Slice(13, channels).ToArray());
        return true;
    }
}
