namespace Hark.Codec.Mp4;

/// <summary>MP4 times: seconds since 1904-01-01 UTC, and the version a header needs for its values.</summary>
public static class Mp4Time
{
    public static readonly DateTimeOffset Epoch = new(1904, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ulong Seconds(DateTimeOffset time) => time <= Epoch ? 0 : (ulong)((time - Epoch).Ticks / TimeSpan.TicksPerSecond);

    /// <summary>Version 0 holds 32-bit times and durations; version 1 is needed once any of them passes that.</summary>
    public static byte VersionFor(params ReadOnlySpan<ulong> values)
    {
        foreach (var value in values)
        {
            if (value > uint.MaxValue)
            {
                return 1;
            }
        }
        return 0;
    }
}
