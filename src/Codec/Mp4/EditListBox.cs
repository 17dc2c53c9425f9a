using System.Buffers.Binary;

namespace Hark.Codec.Mp4;

/// <summary>
/// elst with one edit: play <see cref="SegmentDuration"/> (movie timescale) of the media from <see cref="MediaTime"/>
/// (media timescale) at rate 1. This is what trims the encoder's priming, the pre-roll frame and the partial frames.
/// </summary>
public readonly record struct EditListBox(ulong SegmentDuration, long MediaTime)
{
    public void WriteTo(Mp4BoxWriter writer)
    {
        byte version = Mp4Time.VersionFor(SegmentDuration, (ulong)MediaTime);
        writer.Begin("edts");
        writer.BeginFull("elst", version, 0);
        writer.UInt32(1);
        if (version == 1)
        {
            writer.UInt64(SegmentDuration);
            writer.Int64(MediaTime);
        }
        else
        {
            writer.UInt32((uint)SegmentDuration);
            writer.Int32((int)MediaTime);
        }
        writer.Int16(1); // media_rate_integer
        writer.Int16(0); // media_rate_fraction
        writer.End();
        writer.End();
    }

    /// <summary>The single edit of an elst box (the box from its size field on), or false if it is not one.</summary>
    public static bool TryParse(ReadOnlySpan<byte> box, out EditListBox edit)
    {
        edit = default;
        if (box.Length < 16 || !box.Slice(4, 4).SequenceEqual("elst"u8) || BinaryPrimitives.ReadUInt32BigEndian(box[12..]) != 1)
        {
            return false;
        }
        byte version = box[8];
        int needed = 16 + (version == 1 ? 16 : 8) + 4;
        if (version > 1 || box.Length < needed)
        {
            return false;
        }
        edit = version == 1
            ? new EditListBox(BinaryPrimitives.ReadUInt64BigEndian(box[16..]), BinaryPrimitives.ReadInt64BigEndian(box[24..]))
            : new EditListBox(BinaryPrimitives.ReadUInt32BigEndian(box[16..]), BinaryPrimitives.ReadInt32BigEndian(box[20..]));
        return true;
    }
}
