using Hark.Engine.Import;
using Hark.Testing;
using Xunit.Abstractions;

namespace Hark.Engine.Tests;

/// <summary>Decoded AAC lines up with the source at lag 0 on every channel, with a measured quality floor.</summary>
public sealed class AacAlignmentTests(ITestOutputHelper output)
{
    /// <summary>Per-channel SNR measured on this material at 160 kbit/s: see the test output (about 20-30 dB); the floor
    /// leaves margin for encoder versions, yet a shifted, swapped or garbled channel lands far below it (near 0 dB).</summary>
    private const double SnrFloorDb = 18;

    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    public async Task Each_channel_is_aligned_at_lag_zero_and_above_the_snr_floor(int rate)
    {
        // Different, aperiodic material per channel (chirps over noise): a periodic tone would match at many lags,
        // and a channel swap or a mono mix-down shows up as a bad match.
        string source = $"aevalsrc=0.3*sin(2*PI*(300+80*t)*t)+0.05*(random(0)-0.5)|0.3*sin(2*PI*(1500-50*t)*t)+0.05*(random(1)-0.5):s={rate}:d=20";
        await using var recording = await ImportedRecording.CreateAsync(source, "source.wav", ["-c:a", "pcm_s16le"],
            new ImportRequest { Id = "aligned", SourcePath = "", ChunkSeconds = 5 });
        var reference = Pcm.Floats((await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-i", recording.SourcePath, "-f", "f32le", "-")).StandardOutput);
        int total = (int)recording.Metadata.TotalSamples;
        var decoded = new float[total * 2];
        await recording.Segments.ReadSamplesAsync("aligned", 0, total, decoded, CancellationToken.None);

        for (int channel = 0; channel < 2; channel++)
        {
            int lag = Pcm.BestLag(reference, decoded, 2, channel, start: rate, count: rate / 2, maxLag: 2048);
            double snr = Pcm.SnrDb(reference, decoded, 2, channel, start: rate / 10, count: total - rate / 5);
            double swapped = Pcm.SnrDb(reference, decoded, 2, channel, start: rate / 10, count: total - rate / 5) - SnrWithOtherChannel(reference, decoded, channel, rate, total);
            output.WriteLine($"{rate} Hz channel {channel}: lag {lag}, SNR {snr:F1} dB (margin over the other channel {swapped:F1} dB)");
            Assert.Equal(0, lag);
            Assert.True(snr > SnrFloorDb, $"channel {channel} SNR {snr:F1} dB is below the {SnrFloorDb} dB floor");
        }
    }

    private static double SnrWithOtherChannel(float[] reference, float[] decoded, int channel, int rate, int total)
    {
        double signal = 0, noise = 0;
        for (int i = rate / 10; i < total - rate / 10; i++)
        {
            double r = reference[i * 2 + channel];
            double d = decoded[i * 2 + (1 - channel)] - r;
            signal += r * r;
            noise += d * d;
        }
        return 10 * Math.Log10(signal / noise);
    }
}
