using Hark.Codec.Lac;

namespace Hark.Fuzzing.Targets;

/// <summary>Real .lac files and LAC frames, encoded in process from <see cref="Signals"/>.</summary>
internal static class LacCorpus
{
    /// <summary>Small blocks, so a file of a few thousand samples has many records to damage.</summary>
    private static readonly LacEncoderOptions SmallBlocks = LacEncoderOptions.Fast with { BlockSize = 512 };

    public static List<byte[]> Files() =>
    [
        File(44100, 2, 16, 3000, seekable: true),
        File(48000, 1, 24, 2000, seekable: true),
        File(16000, 3, 8, 1500, seekable: true),
        File(44100, 2, 16, 2500, seekable: false),
    ];

    public static List<byte[]> Frames()
    {
        var encoder = new LacFrameEncoder(LacEncoderOptions.Fast);
        var frames = new List<byte[]>();
        foreach (var (count, bits) in new[] { (4096, 16), (1152, 24), (64, 8), (1, 16), (9000, 20) })
        {
            var samples = Signals.Interleaved(count, 1, bits, count);
            var frame = new byte[LacFrameEncoder.MaxFrameLength(count)];
            frames.Add(frame.AsSpan(0, encoder.Encode(samples, frame)).ToArray());
        }
        return frames;
    }

    private static byte[] File(int rate, int channels, int bits, int frames, bool seekable)
    {
        var output = new MemoryStream();
        using (var writer = new LacFileWriter(seekable ? output : new ForwardOnlyStream(output), rate, channels, bits, SmallBlocks, leaveOpen: true))
        {
            writer.Write(Signals.Interleaved(frames, channels, bits, frames));
            writer.Complete();
        }
        return output.ToArray();
    }
}
