namespace Hark.Codec.Mp4;

/// <summary>stts with one run: every AAC frame lasts the same number of samples (the timecode's one sample, the movie).</summary>
public readonly record struct TimeToSampleBox(long SampleCount, long SampleDelta)
{
    public void WriteTo(Mp4BoxWriter writer)
    {
        writer.BeginFull("stts", 0, 0);
        writer.UInt32(1);
        writer.UInt32(checked((uint)SampleCount));
        writer.UInt32(checked((uint)SampleDelta));
        writer.End();
    }
}
