namespace Hark.Codec.Mp4;

/// <summary>
/// Everything of an M4A file before its frame bytes: ftyp, moov, and the mdat box header. moov comes first (fast
/// start: a player or browser needs no second request to find the sample table), which is possible because every
/// frame's size is known before any frame is read. With a timecode, mdat starts with its one 4-byte sample (part of
/// <see cref="Bytes"/>); the frames then follow in order, <see cref="FramesPerChunk"/> per chunk.
/// </summary>
public sealed class M4aHeader
{
    /// <summary>Frames per chunk: a chunk offset every ~6 s at 44.1 kHz keeps stco small, and one read fills a chunk.</summary>
    public const int FramesPerChunk = 256;

    private const uint TrackId = 1;

    private const uint TimecodeTrackId = 2;

    private M4aHeader(byte[] bytes, long payloadBytes, bool usesCo64)
    {
        Bytes = bytes;
        PayloadBytes = payloadBytes;
        UsesCo64 = usesCo64;
    }

    public byte[] Bytes { get; }

    /// <summary>The frame bytes that follow <see cref="Bytes"/>: the rest of the mdat.</summary>
    public long PayloadBytes { get; }

    public long FileLength => Bytes.Length + PayloadBytes;

    public bool UsesCo64 { get; }

    public static M4aHeader For(M4aTrack track)
    {
        track.Validate();
        long payload = track.FrameSizes.Sum(size => (long)size);
        int timecodeBytes = track.Timecode is null ? 0 : TimecodeTrack.SampleBytes;
        // A 32-bit mdat size field counts its own 8 header bytes; past that, size 1 and a 64-bit largesize follow.
        bool largeMdat = timecodeBytes + payload + 8 > uint.MaxValue;
        var ftyp = new Mp4BoxWriter();
        (track.Opus is null ? FileTypeBox.M4a : FileTypeBox.M4aOpus).WriteTo(ftyp);
        int mdatHeader = largeMdat ? 16 : 8;
        // The chunk offsets depend on the moov's length, which depends on whether they need co64: lay out until stable.
        int moovLength = 0;
        Mp4BoxWriter moov;
        while ((moov = Moov(track, ftyp.Length + moovLength + mdatHeader)).Length != moovLength)
        {
            moovLength = moov.Length;
        }
        var file = new Mp4BoxWriter();
        file.Bytes(ftyp.Written);
        file.Bytes(moov.Written);
        if (largeMdat)
        {
            file.UInt32(1);
            file.FourCc("mdat");
            file.UInt64((ulong)(timecodeBytes + payload + 16));
        }
        else
        {
            file.UInt32((uint)(timecodeBytes + payload + 8));
            file.FourCc("mdat");
        }
        long dataStart = ftyp.Length + moov.Length + mdatHeader;
        TimecodeOf(track, dataStart)?.WriteSample(file);
        return new M4aHeader(file.ToArray(), payload, ChunkOffsets(track, dataStart + timecodeBytes).NeedsCo64);
    }

    /// <summary>The timecode track, its sample at the start of mdat; null when the track has no timecode.</summary>
    private static TimecodeTrack? TimecodeOf(M4aTrack track, long dataStart) =>
        track.Timecode is { } timecode
            ? new TimecodeTrack(TimecodeTrackId, Mp4Time.Seconds(track.CreationTime), track.SampleRate, (ulong)track.PlayedSamples, timecode, dataStart)
            : null;

    /// <param name="dataStart">Where mdat's payload starts: the timecode sample, if any, then the frames.</param>
    private static Mp4BoxWriter Moov(M4aTrack track, long dataStart)
    {
        var timecode = TimecodeOf(track, dataStart);
        long framesStart = dataStart + (timecode is null ? 0 : TimecodeTrack.SampleBytes);
        ulong created = Mp4Time.Seconds(track.CreationTime);
        uint timescale = (uint)track.SampleRate;
        var w = new Mp4BoxWriter();
        w.Begin("moov");
        new MovieHeaderBox(created, timescale, (ulong)track.PlayedSamples, (timecode is null ? TrackId : TimecodeTrackId) + 1).WriteTo(w);
        w.Begin("trak");
        new TrackHeaderBox(created, TrackId, (ulong)track.PlayedSamples).WriteTo(w);
        if (timecode is not null)
        {
            TrackReferenceBox.Timecode(TimecodeTrackId).WriteTo(w);
        }
        new EditListBox((ulong)track.PlayedSamples, track.MediaTime).WriteTo(w);
        w.Begin("mdia");
        new MediaHeaderBox(created, timescale, (ulong)track.MediaSamples).WriteTo(w);
        HandlerBox.Sound.WriteTo(w);
        w.Begin("minf");
        SoundMediaHeaderBox.WriteTo(w);
        DataInformationBox.WriteTo(w);
        w.Begin("stbl");
        SampleEntry(track, w);
        new TimeToSampleBox(track.FrameSizes.Count, track.SamplesPerFrame).WriteTo(w);
        new SampleToChunkBox(track.FrameSizes.Count, FramesPerChunk).WriteTo(w);
        new SampleSizeBox(track.FrameSizes).WriteTo(w);
        ChunkOffsets(track, framesStart).WriteTo(w);
        if (track.Opus is not null)
        {
            new RollSampleGroup(-OpusRollPackets, track.FrameSizes.Count).WriteTo(w);
        }
        w.End(); // stbl
        w.End(); // minf
        w.End(); // mdia
        w.End(); // trak
        timecode?.WriteTo(w);
        new UserDataBox(track.Tags).WriteTo(w);
        w.End(); // moov
        return w;
    }

    private static ChunkOffsetBox ChunkOffsets(M4aTrack track, long dataStart)
    {
        var offsets = new List<long>((track.FrameSizes.Count + FramesPerChunk - 1) / FramesPerChunk);
        long position = dataStart;
        for (int frame = 0; frame < track.FrameSizes.Count; frame++)
        {
            if (frame % FramesPerChunk == 0)
            {
                offsets.Add(position);
            }
            position += track.FrameSizes[frame];
        }
        return new ChunkOffsetBox(offsets);
    }

    /// <summary>Opus in ISOBMFF 4.3.6.2: a 'roll' group covering RFC 7845's 80 ms pre-roll, 4 packets of 20 ms.</summary>
    private const short OpusRollPackets = 4;

    private static void SampleEntry(M4aTrack track, Mp4BoxWriter w)
    {
        if (track.Opus is { } dops)
        {
            new OpusSampleEntry(dops).WriteTo(w);
        }
        else
        {
            new Mp4aSampleEntry(track.Channels, track.SampleRate, Esds(track)).WriteTo(w);
        }
    }

    /// <summary>The decoder's buffer and bitrates, from the frame sizes: the largest frame and the average over all.</summary>
    private static EsdsBox Esds(M4aTrack track)
    {
        int largest = track.FrameSizes.Max();
        double framesPerSecond = (double)track.SampleRate / track.SamplesPerFrame;
        double average = track.FrameSizes.Average() * 8 * framesPerSecond;
        return new EsdsBox(track.AudioSpecificConfig, largest, (uint)Math.Round(largest * 8 * framesPerSecond), (uint)Math.Round(average));
    }
}
