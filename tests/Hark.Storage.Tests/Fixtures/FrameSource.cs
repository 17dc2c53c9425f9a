namespace Hark.Storage.Tests.Fixtures;

/// <summary>Fake encoded frames with AAC-like sizes (~N(460, 60) bytes) and recognisable content.</summary>
public static class FrameSource
{
    public static List<byte[]> Frames(int count, int seed, int meanSize = 460, int spread = 60)
    {
        var random = new Random(seed);
        var frames = new List<byte[]>(count);
        for (int i = 0; i < count; i++)
        {
            frames.Add(TestData.Bytes(Size(random, meanSize, spread), seed * 1_000_003 + i));
        }
        return frames;
    }

    /// <summary>A normally distributed size (Box-Muller), clamped to 1..8191.</summary>
    public static int Size(Random random, int mean, int spread)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        double normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return Math.Clamp((int)Math.Round(mean + spread * normal), 1, 8191);
    }

    public static RecordingMetadata Metadata(string id, long totalSamples = 0) => new()
    {
        Id = id,
        Codec = AudioCodec.Aac,
        SampleRate = 44_100,
        Channels = 2,
        Bitrate = 160_000,
        AudioSpecificConfig = "1210",
        PrimingSamples = 1024,
        TotalSamples = totalSamples,
        SamplesPerFrame = 1024,
        StartTime = new DateTimeOffset(2026, 5, 1, 4, 30, 0, TimeSpan.Zero),
        SourceName = $"{id}.wav",
        SourceSize = 123_456_789,
        SourceSha256 = new string('a', 64),
        Encoder = "test encoder 1.0",
    };

    /// <summary>Samples the frames can hold after the priming, so a commit's coverage check passes.</summary>
    public static long TotalSamplesFor(int frames) => Math.Max(0, (long)frames * 1024 - 1024 - 100);
}
