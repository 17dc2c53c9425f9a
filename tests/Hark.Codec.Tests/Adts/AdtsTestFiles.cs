using System.Globalization;
using Hark.Testing;

namespace Hark.Codec.Tests.Adts;

/// <summary>ADTS files made by ffmpeg's AAC encoder, and ffprobe's view of their packets.</summary>
internal static class AdtsTestFiles
{
    public static async Task<string> EncodeAsync(TempDirectory dir, int sampleRate, int channels, int bitRate, double seconds = 3, bool mpeg2 = false)
    {
        var path = dir.File($"t{sampleRate}-{channels}-{bitRate}{(mpeg2 ? "-m2" : "")}.aac");
        var arguments = new List<string> { "-c:a", "aac", "-aac_pns", "0", "-b:a", bitRate.ToString(CultureInfo.InvariantCulture) };
        if (channels == 6)
        {
            arguments.AddRange(["-channel_layout", "5.1"]);
        }
        if (mpeg2)
        {
            arguments.AddRange(["-write_mpeg2", "1"]);
        }
        arguments.AddRange(["-f", "adts"]);
        return await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(channels, seconds, sampleRate), path, [.. arguments]);
    }

    /// <summary>(byte offset, size) of every packet, as ffprobe demuxes the file.</summary>
    public static async Task<IReadOnlyList<(long Offset, int Size)>> FfprobePacketsAsync(string path)
    {
        var result = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_packets",
            "-show_entries", "packet=pos,size", "-of", "compact=p=0", path);
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim().Split('|').Select(pair => pair.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]))
            .Select(f => (long.Parse(f["pos"], CultureInfo.InvariantCulture), int.Parse(f["size"], CultureInfo.InvariantCulture)))
            .ToList();
    }

    public static List<(AdtsFrameCopy Frame, long Offset)> ReadAll(byte[] bytes, out Codec.Adts.AdtsFrameReader reader)
    {
        reader = new Codec.Adts.AdtsFrameReader(new MemoryStream(bytes));
        var frames = new List<(AdtsFrameCopy, long)>();
        while (reader.TryReadNext(out var frame))
        {
            frames.Add((new AdtsFrameCopy(frame.Header, frame.Bytes.ToArray(), frame.SkippedBefore, frame.CrcValid), frame.Offset));
        }
        return frames;
    }
}

internal sealed record AdtsFrameCopy(Codec.Adts.AdtsHeader Header, byte[] Bytes, long SkippedBefore, bool CrcValid);
