namespace Hark.Codec.Mp4;

/// <summary>
/// sgpd + sbgp of grouping type 'roll' (ISO/IEC 14496-12 section 10.1): every sample needs <see cref="RollDistance"/>
/// (negative: earlier) samples decoded before it for correct output. Opus in ISOBMFF (4.3.6.2, "Pre-roll") requires
/// one covering its 80 ms pre-roll: -4 with 20 ms packets.
/// </summary>
public readonly record struct RollSampleGroup(short RollDistance, int SampleCount)
{
    public void WriteTo(Mp4BoxWriter writer)
    {
        // Version 1: the description length is given (2 bytes: one roll_distance), as version 0 is deprecated.
        writer.BeginFull("sgpd", 1, 0);
        writer.FourCc("roll");
        writer.UInt32(2); // default_length
        writer.UInt32(1); // entry_count
        writer.Int16(RollDistance);
        writer.End();
        writer.BeginFull("sbgp", 0, 0);
        writer.FourCc("roll");
        writer.UInt32(1); // entry_count
        writer.UInt32(checked((uint)SampleCount));
        writer.UInt32(1); // group_description_index: the one entry above
        writer.End();
    }
}
