using System.Buffers.Binary;
using Hark.Engine.Import;
using Hark.Storage;
using Hark.Testing;
using Xunit.Abstractions;

namespace Hark.Engine.Tests;

/// <summary>
/// The seams between parallel-encoded chunks: the error around each splice, measured against the source, is no larger
/// than the codec's own error elsewhere in the recording.
/// </summary>
public sealed class SpliceQualityTests(ITestOutputHelper output) : IDisposable
{
    private const int Window = 8192;
    private readonly TempDirectory _dir = new("hark-splice");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Two_hour_chunked_import_has_splices_within_the_codecs_own_error()
    {
        const int rate = 16000;
        var source = await MixAsync("two-hours.wav", rate, seconds: 7200);
        var (archive, meta, plan) = await ImportAsync(source, "long", chunkSeconds: 600, ChunkLayout.LeadInFramesAac);
        // Where the importer put its splices, from its own plan: a test formula could agree with itself and be wrong.
        var (splices, elsewhere) = await MeasureAsync(archive, meta, source, plan.ChunkSamples);

        double floor = Percentile(elsewhere, 0.10);
        output.WriteLine($"elsewhere: {elsewhere.Count} windows, median {Percentile(elsewhere, 0.5):F1} dB, p10 {floor:F1} dB");
        output.WriteLine($"splices: {string.Join(" / ", splices.Select(s => s.ToString("F1")))} dB");
        Assert.Equal(plan.ChunkCount - 1, splices.Count);
        Assert.True(splices.Count >= 11, $"a 2-hour import in 10-minute chunks has 11 splices, the plan made {splices.Count}");
        Assert.All(splices, snr => Assert.True(snr >= floor - 1.0, $"a splice window has {snr:F1} dB, below the codec's p10 {floor:F1} dB"));
    }

    [Fact]
    public async Task Without_a_lead_in_the_splices_are_audibly_worse()
    {
        const int rate = 44100;
        var source = await MixAsync("three-minutes.wav", rate, seconds: 180);
        var (withArchive, withMeta, withPlan) = await ImportAsync(source, "with", chunkSeconds: 10, ChunkLayout.LeadInFramesAac);
        var (withoutArchive, withoutMeta, withoutPlan) = await ImportAsync(source, "without", chunkSeconds: 10, leadInFrames: 0);
        Assert.Equal(withPlan.ChunkSamples, withoutPlan.ChunkSamples);
        var (withLeadIn, elsewhere) = await MeasureAsync(withArchive, withMeta, source, withPlan.ChunkSamples);
        var (withoutLeadIn, _) = await MeasureAsync(withoutArchive, withoutMeta, source, withoutPlan.ChunkSamples);
        Assert.Equal(withPlan.ChunkCount - 1, withLeadIn.Count);

        output.WriteLine($"elsewhere median {Percentile(elsewhere, 0.5):F1} dB; splices with lead-in median {Percentile(withLeadIn, 0.5):F1} dB, " +
                         $"without {Percentile(withoutLeadIn, 0.5):F1} dB");
        Assert.True(Percentile(withLeadIn, 0.5) > Percentile(withoutLeadIn, 0.5) + 6,
            "the lead-in should lift the splice windows clearly above a cold-started encoder's");
    }

    private async Task<string> MixAsync(string name, int rate, int seconds)
    {
        // Two tones and a pink noise bed from ffmpeg's built-in sources (fast at any length).
        var path = _dir.File(name);
        await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate={rate}:duration={seconds}",
            "-f", "lavfi", "-i", $"sine=frequency=1250:sample_rate={rate}:duration={seconds}",
            "-f", "lavfi", "-i", $"anoisesrc=color=pink:amplitude=0.08:sample_rate={rate}:duration={seconds}:seed=5",
            "-filter_complex", "amix=inputs=3:normalize=0,volume=0.5", "-c:a", "pcm_s16le", path);
        return path;
    }

    /// <summary>Imports the source and returns the plan the importer worked from (planned first, then resumed by the import).</summary>
    private async Task<(ArchiveStore, RecordingMetadata, ImportPlan)> ImportAsync(string source, string id, int chunkSeconds, int leadInFrames)
    {
        var archive = ArchiveStore.Open(_dir.File("archive-" + id));
        var steps = new ImportSteps(archive);
        var request = new ImportRequest { Id = id, SourcePath = source, ChunkSeconds = chunkSeconds, LeadInFrames = leadInFrames };
        var plan = await steps.PlanAsync(request, CancellationToken.None);
        var meta = await new LocalImporter(steps).ImportAsync(request, 2, null, CancellationToken.None);
        Assert.Equal(plan.TotalSamples, meta.TotalSamples); // a WAV's length is exact at planning: the plan was final
        return (archive, meta, plan);
    }

    /// <summary>SNR of the windows centred on each splice, and of random windows well away from any splice.</summary>
    private static async Task<(List<double> Splices, List<double> Elsewhere)> MeasureAsync(ArchiveStore archive, RecordingMetadata meta, string wav, long chunkSamples)
    {
        var segments = new Segments.SegmentReader(new Segments.RecordingCache(archive));
        await using var file = File.OpenRead(wav);
        long dataOffset = FindDataChunk(file);
        // Chunk n's first frame decodes source samples [n*C - 1024, n*C): the overlap of the two encoders sits there.
        var splicePoints = new List<long>();
        for (long s = chunkSamples; s < meta.TotalSamples; s += chunkSamples)
        {
            splicePoints.Add(s - 1024);
        }
        var splices = new List<double>();
        foreach (var point in splicePoints)
        {
            splices.Add(await WindowSnrAsync(segments, meta.Id, file, dataOffset, point - Window / 2));
        }
        var random = new Random(9);
        var elsewhere = new List<double>();
        while (elsewhere.Count < 200)
        {
            long start = random.NextInt64(Window, meta.TotalSamples - 2 * Window);
            if (splicePoints.All(p => Math.Abs(p - start - Window / 2) > 4 * Window))
            {
                elsewhere.Add(await WindowSnrAsync(segments, meta.Id, file, dataOffset, start));
            }
        }
        return (splices, elsewhere);
    }

    private static async Task<double> WindowSnrAsync(Segments.SegmentReader segments, string id, FileStream wav, long dataOffset, long start)
    {
        var decoded = new float[Window];
        await segments.ReadSamplesAsync(id, start, Window, decoded, CancellationToken.None);
        var bytes = new byte[Window * 2];
        wav.Position = dataOffset + start * 2;
        await wav.ReadExactlyAsync(bytes);
        double signal = 0, noise = 0;
        for (int i = 0; i < Window; i++)
        {
            double reference = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(2 * i)) / 32768.0;
            signal += reference * reference;
            noise += (decoded[i] - reference) * (decoded[i] - reference);
        }
        return 10 * Math.Log10(signal / Math.Max(noise, 1e-20));
    }

    private static long FindDataChunk(FileStream wav)
    {
        var header = new byte[4096];
        int read = wav.Read(header);
        for (int i = 12; i + 8 <= read;)
        {
            int size = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(i + 4));
            if (header.AsSpan(i, 4).SequenceEqual("data"u8))
            {
                return i + 8;
            }
            i += 8 + size + (size & 1);
        }
        throw new InvalidDataException("no data chunk in the first 4 KB");
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
