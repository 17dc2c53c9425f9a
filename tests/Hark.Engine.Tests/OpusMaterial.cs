using System.Globalization;
using Hark.Media.Opus;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Engine.Tests;

/// <summary>Real-ish test material for Opus (speech over noise and tones), and one sequential libopus decode of a recording.</summary>
internal static class OpusMaterial
{
    private const string Text =
        "The recorder on the ridge ran for three days without a break. At dawn the wind dropped and the first birds began, " +
        "a wren close to the microphone, then a distant cuckoo, then the long rising call of a curlew over the marsh. " +
        "By noon a tractor worked the lower field and the gulls followed it, while somebody counted aloud: one, two, three, " +
        "four, five, six, seven, eight, nine, ten. Later it rained, softly at first and then hard enough to drown the birds.";

    /// <summary>espeak-ng speech (looped) over pink noise and two tones, 16-bit WAV at <paramref name="rate"/>; the right
    /// channel of a stereo file has the speech softer and other tones, and each channel of a 5.1 file its own mix of the
    /// two, so a channel swap shows.</summary>
    public static async Task<string> SpeechMixAsync(TempDirectory dir, string name, int rate, int channels, double seconds)
    {
        var speech = await AudioGenerator.SpeechAsync(Text, dir.File(name + "-speech.wav"));
        string d = seconds.ToString(CultureInfo.InvariantCulture);
        string mix = channels switch
        {
            1 => "[s][n][t1][t2]amix=inputs=4:normalize=0[out]",
            6 => "[s][n][t1]amix=inputs=3:normalize=0[m];[t2]volume=12[t2l];[m][t2l]join=inputs=2:channel_layout=stereo," +
                 "pan=5.1|c0=c0|c1=0.9*c0+0.5*c1|c2=0.8*c0+c1|c3=0.3*c0|c4=0.6*c0+0.8*c1|c5=0.5*c0+0.3*c1[out]",
            _ => "[s]asplit=2[s1][s2];[s2]volume=0.6[s2q];[n]asplit=2[n1][n2];[n2]volume=0.8[n2q];" +
              "[s1][n1][t1]amix=inputs=3:normalize=0[l];[s2q][n2q][t2]amix=inputs=3:normalize=0[r];[l][r]join=inputs=2:channel_layout=stereo[out]",
        };
        var path = dir.File(name + ".wav");
        await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-y",
            "-stream_loop", "-1", "-i", speech,
            "-f", "lavfi", "-i", $"anoisesrc=color=pink:amplitude=0.03:sample_rate={rate}:duration={d}:seed=3",
            "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate={rate}:duration={d}",
            "-f", "lavfi", "-i", $"sine=frequency=1870:sample_rate={rate}:duration={d}",
            "-filter_complex",
            $"[0:a]aresample={rate},atrim=duration={d},volume=0.7[s];[2:a]volume=0.05[t1];[3:a]volume=0.04[t2];[1:a]anull[n];{mix}",
            "-map", "[out]", "-c:a", "pcm_s16le", "-ar", rate.ToString(CultureInfo.InvariantCulture), path);
        return path;
    }

    /// <summary>Every stored packet through one libopus decoder, in order, pre-skip dropped: the reference a read is measured against.</summary>
    public static async Task<float[]> SequentialDecodeAsync(ArchiveStore archive, string id)
    {
        var reader = await archive.OpenRecordingAsync(id, CancellationToken.None);
        var meta = reader.Metadata;
        int count = (int)reader.Index.FrameCount;
        await reader.Index.EnsureAllAsync(CancellationToken.None);
        var bytes = new byte[reader.FrameBytes(0, count)];
        await reader.ReadFramesAsync(0, count, bytes, CancellationToken.None);
        using var decoder = new OpusDecoder(meta.Channels);
        var all = new float[(long)count * OpusFormat.SamplesPerPacket * meta.Channels];
        int position = 0;
        int written = 0;
        for (int p = 0; p < count; p++)
        {
            int size = reader.Index.FrameSize(p);
            written += decoder.Decode(bytes.AsSpan(position, size), all.AsSpan(written * meta.Channels));
            position += size;
        }
        return all.AsSpan(meta.PrimingSamples * meta.Channels, (int)(meta.TotalSamples * meta.Channels)).ToArray();
    }
}
