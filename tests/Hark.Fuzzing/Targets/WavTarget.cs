using Hark.Codec.Wav;

namespace Hark.Fuzzing.Targets;

/// <summary>
/// RIFF/WAVE and RF64 headers and samples (<see cref="WavReader"/>), read to the end. Documented error:
/// <see cref="WavFormatException"/>. The data length it reports must lie inside the input.
/// </summary>
public static class WavTarget
{
    public const string Name = "wav";

    public static FuzzTarget Create() => new(Name, 0x5741_5645, Corpus(), Parse, [typeof(WavFormatException)],
        AllocationBound: 1 << 20);

    private static void Parse(byte[] input)
    {
        using var stream = new MemoryStream(input, writable: false);
        using var wav = new WavReader(stream);
        if (wav.DataLength is { } length && length > input.Length - stream.Position)
        {
            throw new FuzzInvariantException($"data length {length} with {input.Length - stream.Position} bytes left in the input");
        }
        if (wav.Format.IsFloat)
        {
            return;
        }
        var buffer = new int[wav.Format.Channels * 16];
        long frames = 0;
        int read;
        while ((read = wav.ReadFrames(buffer)) > 0)
        {
            frames += read;
        }
        if (frames * wav.Format.BlockAlign > input.Length)
        {
            throw new FuzzInvariantException($"{frames} frames read from {input.Length} bytes");
        }
    }

    private static List<byte[]> Corpus() =>
    [
        Riff(WavFormat.Pcm(44100, 2, 16), 700),
        Riff(new WavFormat(48000, 1, 24, 24, false, WavFormat.DefaultChannelMask(1)), 500),
        Riff(new WavFormat(96000, 6, 24, 20, false, WavFormat.DefaultChannelMask(6)), 100),
        Riff(WavFormat.Pcm(8000, 1, 8), 300),
        Riff(new WavFormat(44100, 2, 32, 32, true), 200),
        Rf64.Wrap(Riff(WavFormat.Pcm(44100, 2, 16), 400)),
    ];

    private static byte[] Riff(WavFormat format, int frames)
    {
        if (format.IsFloat)
        {
            // The writer writes integer PCM only; a float file is its header over silent samples.
            var file = new byte[WavHeader.LengthFor(format) + frames * format.BlockAlign];
            WavHeader.Write(file, format, (uint)(frames * format.BlockAlign));
            return file;
        }
        using var output = new MemoryStream();
        using (var writer = new WavWriter(output, format, leaveOpen: true))
        {
            writer.WriteFrames(Signals.Interleaved(frames, format.Channels, format.ValidBitsPerSample, frames));
            writer.Complete();
        }
        return output.ToArray();
    }
}
