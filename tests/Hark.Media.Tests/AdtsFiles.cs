using Hark.Codec.Adts;

namespace Hark.Media.Tests;

/// <summary>Raw frames of an ADTS file, back to back, with their sizes: the shape the archive stores.</summary>
internal sealed record RawFrames(byte[] AudioSpecificConfig, int SampleRate, int Channels, byte[] Bytes, int[] Sizes, long[] Offsets)
{
    public int Count => Sizes.Length;

    public ReadOnlySpan<byte> Frame(int index) => Bytes.AsSpan((int)Offsets[index], Sizes[index]);

    public static RawFrames Read(string path)
    {
        using var reader = new AdtsFrameReader(File.OpenRead(path));
        using var bytes = new MemoryStream();
        var sizes = new List<int>();
        var offsets = new List<long>();
        AdtsStreamFormat? format = null;
        while (reader.TryReadNext(out var frame))
        {
            format ??= AdtsStreamFormat.From(frame.Header);
            offsets.Add(bytes.Length);
            sizes.Add(frame.Payload.Length);
            bytes.Write(frame.Payload.Span);
        }
        var f = format ?? throw new InvalidDataException($"{path} holds no ADTS frames");
        int channels = f.ChannelConfiguration == 7 ? 8 : f.ChannelConfiguration;
        return new RawFrames(f.ToAudioSpecificConfig(), f.SampleRate, channels, bytes.ToArray(), [.. sizes], [.. offsets]);
    }
}
