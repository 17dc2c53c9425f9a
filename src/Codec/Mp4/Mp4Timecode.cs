namespace Hark.Codec.Mp4;

/// <summary>
/// A QuickTime timecode (Apple TN2174): the time of day as a frame number at <see cref="FramesPerSecond"/>, counted from
/// midnight UTC and wrapping at 24 hours. Audio has no frames of its own, so the rate is a counting rate chosen to divide
/// the sample rate (<see cref="RateFor"/>), so that a timecode frame is a whole number of samples.
/// </summary>
public readonly record struct Mp4Timecode(uint FrameNumber, int FramesPerSecond)
{
    private const long SecondsPerDay = 24 * 60 * 60;

    public uint FramesPerDay => (uint)(SecondsPerDay * FramesPerSecond);

    /// <summary>
    /// 50 frames per second (the seed's 20 ms: 960 samples at 48 kHz) where the sample rate is a multiple of 50, else 25
    /// (EBU) for 11025 Hz, the one AAC rate 50 does not divide; null for a rate neither divides (no timecode then).
    /// </summary>
    public static int? RateFor(int sampleRate) => sampleRate % 50 == 0 ? 50 : sampleRate % 25 == 0 ? 25 : null;

    /// <summary>
    /// The timecode of the sample <paramref name="sampleOffset"/> samples after <paramref name="start"/>: the frame holding
    /// that instant's time of day (UTC), rounded down, so the timecode never names a moment after the first sample.
    /// </summary>
    public static Mp4Timecode At(DateTimeOffset start, long sampleOffset, int sampleRate, int framesPerSecond)
    {
        // In exact integers: ticks of the day plus the offset, in frames. Int128 because offset × 10^7 × rate overflows long.
        Int128 ticksOfDay = start.UtcDateTime.TimeOfDay.Ticks;
        Int128 scaled = ticksOfDay * sampleRate + (Int128)sampleOffset * TimeSpan.TicksPerSecond;
        Int128 frames = scaled * framesPerSecond / ((Int128)TimeSpan.TicksPerSecond * sampleRate);
        return new Mp4Timecode((uint)(long)(frames % (SecondsPerDay * framesPerSecond)), framesPerSecond);
    }

    /// <summary>HH:MM:SS:FF, as ffprobe and mediainfo print a non-drop timecode.</summary>
    public override string ToString()
    {
        long seconds = FrameNumber / FramesPerSecond;
        return FormattableString.Invariant($"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}:{FrameNumber % FramesPerSecond:00}");
    }
}
