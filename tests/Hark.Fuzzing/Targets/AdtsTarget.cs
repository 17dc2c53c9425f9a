using Hark.Codec.Adts;
using Hark.Testing;

namespace Hark.Fuzzing.Targets;

/// <summary>
/// ADTS streams (<see cref="AdtsInspector"/> over <see cref="AdtsFrameReader"/>, and <see cref="AdtsHeader.Parse"/>).
/// The reader resynchronises past damage and never throws; the one documented error is
/// <see cref="AdtsFormatException"/> from Parse. Corpus: AAC encoded by ffmpeg.
/// </summary>
public static class AdtsTarget
{
    public const string Name = "adts";

    public static async Task<FuzzTarget> CreateAsync()
    {
        using var temp = new TempDirectory();
        var corpus = new List<byte[]>();
        foreach (var (rate, channels) in new[] { (44100, 2), (16000, 1), (48000, 6) })
        {
            var path = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(channels, 0.3, rate), temp.File($"{rate}-{channels}.aac"),
                "-c:a", "aac", "-b:a", "96k", "-f", "adts");
            corpus.Add(await File.ReadAllBytesAsync(path));
        }
        return new FuzzTarget(Name, 0x0FFF_1000, corpus, Parse, [typeof(AdtsFormatException)], AllocationBound: 1 << 20);
    }

    private static void Parse(byte[] input)
    {
        var summary = AdtsInspector.Inspect(new MemoryStream(input, writable: false));
        if (summary.TotalBytes > input.Length || summary.BytesSkipped > input.Length)
        {
            throw new FuzzInvariantException($"{input.Length} bytes summarised as {summary.TotalBytes} read, {summary.BytesSkipped} skipped");
        }
        AdtsHeader.Parse(input);
    }
}
