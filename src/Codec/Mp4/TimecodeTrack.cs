namespace Hark.Codec.Mp4;

/// <summary>
/// The timecode track (trak with tkhd, mdia: mdhd, hdlr 'tmcd', minf: nmhd, dinf, stbl) whose one sample, the
/// big-endian frame number of <see cref="Timecode"/> at <see cref="SampleOffset"/> in the file, spans the whole movie.
/// Its timescale is the audio's sample rate and its frame duration the samples in one timecode frame: the seed's
/// 48000 / 960 = 50 at 48 kHz, <see cref="Mp4Timecode.RateFor"/> elsewhere.
/// </summary>
public readonly record struct TimecodeTrack(uint TrackId, ulong CreationTime, int SampleRate, ulong Duration, Mp4Timecode Timecode, long SampleOffset)
{
    /// <summary>The sample's bytes in mdat: the frame number as a big-endian uint32.</summary>
    public const int SampleBytes = 4;

    public void WriteTo(Mp4BoxWriter writer)
    {
        uint timescale = (uint)SampleRate;
        writer.Begin("trak");
        new TrackHeaderBox(CreationTime, TrackId, Duration, TrackHeaderBox.Silent).WriteTo(writer);
        writer.Begin("mdia");
        new MediaHeaderBox(CreationTime, timescale, Duration).WriteTo(writer);
        HandlerBox.Timecode.WriteTo(writer);
        writer.Begin("minf");
        NullMediaHeaderBox.WriteTo(writer);
        DataInformationBox.WriteTo(writer);
        writer.Begin("stbl");
        new TimecodeSampleEntry(timescale, (uint)(SampleRate / Timecode.FramesPerSecond), (byte)Timecode.FramesPerSecond).WriteTo(writer);
        // One sample for the whole movie; past 2^32 samples (a day at 48 kHz) its duration is cut to what stts holds,
        // which changes nothing a reader takes from it: the timecode is the first frame's.
        new TimeToSampleBox(1, (long)Math.Min(Duration, uint.MaxValue)).WriteTo(writer);
        new SampleToChunkBox(1, 1).WriteTo(writer);
        new SampleSizeBox([SampleBytes]).WriteTo(writer);
        new ChunkOffsetBox([SampleOffset]).WriteTo(writer);
        writer.End(); // stbl
        writer.End(); // minf
        writer.End(); // mdia
        writer.End(); // trak
    }

    public void WriteSample(Mp4BoxWriter writer) => writer.UInt32(Timecode.FrameNumber);
}
