namespace Hark.Codec.Mp4;

/// <summary>
/// stsd with one 'tmcd' timecode sample entry (QuickTime File Format, TN2174): the counting rate as timescale over
/// frame duration, frames per second, and the 24-hour wrap. The timecode itself is the track's one sample.
/// </summary>
public readonly record struct TimecodeSampleEntry(uint Timescale, uint FrameDuration, byte FramesPerSecond)
{
    /// <summary>Flag "24 hour max": the count wraps at midnight. Not drop-frame, not negative, not a counter.</summary>
    public const uint TwentyFourHourMax = 0x02;

    public void WriteTo(Mp4BoxWriter writer)
    {
        writer.BeginFull("stsd", 0, 0);
        writer.UInt32(1);
        writer.Begin("tmcd");
        writer.Zeros(6);
        writer.UInt16(1); // data_reference_index: the dref's one entry
        writer.Zeros(4);
        writer.UInt32(TwentyFourHourMax);
        writer.UInt32(Timescale);
        writer.UInt32(FrameDuration);
        writer.UInt8(FramesPerSecond);
        writer.UInt8(0);
        writer.End();
        writer.End();
    }
}
