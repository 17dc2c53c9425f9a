using Hark.Engine.Import;
using Hark.Engine.Segments;
using Hark.Media.Opus;
using Hark.Storage;
using Hark.Testing;
using Xunit.Abstractions;

namespace Hark.Engine.Tests;

/// <summary>
/// The seams between parallel-encoded Opus chunks, measured as SpliceQualityTests does for AAC: the SNR against the
/// source of the windows around each splice, against windows elsewhere; and the same without a lead-in.
/// </summary>
public sealed class OpusSpliceQualityTests(ITestOutputHelper output) : IDisposable
{
    private const int Window = 8192;
    private readonly TempDirectory _dir = new("hark-opus-splice");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Splices_of_a_chunked_opus_import_are_within_the_codecs_own_error_and_the_lead_in_matters()
    {
        // Ten minutes of speech over noise and tones, in chunks of ~59 s: 10 splices.
        var source = await OpusMaterial.SpeechMixAsync(_dir, "ten-minutes", 48_000, 1, 600);
        var (with, withPlan) = await ImportAsync(source, "with", ChunkLayout.LeadInFramesAac);
        var (without, withoutPlan) = await ImportAsync(source, "without", leadInFrames: 0);
        var (splices, elsewhere) = await MeasureAsync(with, "with", source, withPlan.ChunkSamples);
        var (cold, _) = await MeasureAsync(without, "without", source, withoutPlan.ChunkSamples);

        double floor = Percentile(elsewhere, 0.10);
        output.WriteLine($"elsewhere: {elsewhere.Count} windows, median {Percentile(elsewhere, 0.5):F1} dB, p10 {floor:F1} dB");
        output.WriteLine($"splices, lead-in {ChunkLayout.LeadInFramesAac} packets: {string.Join(" / ", splices.Select(s => s.ToString("F1")))} dB");
        output.WriteLine($"splices, no lead-in: {string.Join(" / ", cold.Select(s => s.ToString("F1")))} dB");
        Assert.Equal(withPlan.ChunkCount - 1, splices.Count);
        Assert.True(splices.Count >= 9, $"{splices.Count} splices");
        Assert.All(splices, snr => Assert.True(snr >= floor - 1.0, $"a splice window has {snr:F1} dB, below the codec's p10 {floor:F1} dB"));
        Assert.True(Percentile(splices, 0.5) > Percentile(cold, 0.5) + 3, "the lead-in should lift the splices above a cold-started encoder's");
    }

    private async Task<(SegmentReader Reader, ImportPlan Plan)> ImportAsync(string source, string id, int leadInFrames)
    {
        var archive = ArchiveStore.Open(_dir.File("archive-" + id));
        var steps = new ImportSteps(archive);
        var request = new ImportRequest { Id = id, SourcePath = source, Codec = AudioCodec.Opus, ChunkSeconds = 60, LeadInFrames = leadInFrames };
        var plan = await steps.PlanAsync(request, CancellationToken.None);
        await new LocalImporter(steps).ImportAsync(request, 2, null, CancellationToken.None);
        return (new SegmentReader(new RecordingCache(archive)), plan);
    }

    /// <summary>SNR of the windows centred on each splice, and of random windows well away from any.</summary>
    private static async Task<(List<double> Splices, List<double> Elsewhere)> MeasureAsync(SegmentReader segments, string id, string wav,
        long chunkSamples)
    {
        var meta = await segments.GetRecordingAsync(id, CancellationToken.None);
        var source = await ReadWavAsync(wav);
        // Chunk n's first packet decodes source samples from n*C - pre-skip: where the two encoders meet.
        var points = new List<long>();
        for (long s = chunkSamples; s < meta.TotalSamples; s += chunkSamples)
        {
            points.Add(s - OpusFormat.PreSkip);
        }
        var splices = new List<double>();
        foreach (var point in points)
        {
            splices.Add(await WindowSnrAsync(segments, id, source, point - Window / 2));
        }
        var random = new Random(9);
        var elsewhere = new List<double>();
        while (elsewhere.Count < 200)
        {
            long start = random.NextInt64(Window, meta.TotalSamples - 2 * Window);
            if (points.All(p => Math.Abs(p - start - Window / 2) > 4 * Window))
            {
                elsewhere.Add(await WindowSnrAsync(segments, id, source, start));
            }
        }
        return (splices, elsewhere);
    }

    private static async Task<double> WindowSnrAsync(SegmentReader segments, string id, float[] source, long start)
    {
        var decoded = new float[Window];
        await segments.ReadSamplesAsync(id, start, Window, decoded, CancellationToken.None);
        double signal = 0, noise = 0;
        for (int i = 0; i < Window; i++)
        {
            double reference = source[start + i];
            signal += reference * reference;
            noise += (decoded[i] - reference) * (decoded[i] - reference);
        }
        return 10 * Math.Log10(signal / Math.Max(noise, 1e-20));
    }

    private static async Task<float[]> ReadWavAsync(string wav)
    {
        var decoded = await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-i", wav, "-f", "f32le", "-");
        return Pcm.Floats(decoded.StandardOutput);
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Clamp(Math.Round(p * (sorted.Count - 1)), 0, sorted.Count - 1)];
    }
}
