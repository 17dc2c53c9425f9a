using Hark.Engine.Import;

namespace Hark.Engine.Tests;

/// <summary>A stereo recording imported as AAC in several chunks, and its one-pass reference decode.</summary>
public sealed class AacRecordingFixture : IAsyncLifetime
{
    public const int SampleRate = 44100;
    public ImportedRecording Recording { get; private set; } = null!;
    public float[] Reference { get; private set; } = [];

    public async Task InitializeAsync()
    {
        // Music-like material: a chirp and a tremolo tone over a noise bed, different per channel, odd length.
        const string source = "aevalsrc=0.3*sin(2*PI*(200+60*t)*t)+0.04*(random(0)-0.5)|0.25*sin(2*PI*330*t)*(0.6+0.4*sin(2*PI*0.7*t))+0.04*(random(1)-0.5):s=44100:d=75.0123";
        Recording = await ImportedRecording.CreateAsync(source, "music.wav", ["-c:a", "pcm_s16le"],
            new ImportRequest { Id = "music", SourcePath = "", ChunkSeconds = 10 });
        Reference = await Recording.ReferenceDecodeAsync();
    }

    public async Task DisposeAsync() => await Recording.DisposeAsync();
}

public sealed class AacSegmentExactnessTests(AacRecordingFixture fixture) : IClassFixture<AacRecordingFixture>
{
    private ImportedRecording Recording => fixture.Recording;

    [Fact]
    public void Recording_keeps_the_exact_source_length_and_spans_several_chunks()
    {
        Assert.Equal((long)Math.Round(75.0123 * AacRecordingFixture.SampleRate), Recording.Metadata.TotalSamples);
        Assert.Equal(1024, Recording.Metadata.PrimingSamples);
        Assert.Equal(2, Recording.Metadata.Channels);
        Assert.True(Recording.Metadata.FrameCount * 1024 >= Recording.Metadata.TotalSamples + 1024);
        Assert.Equal(Recording.Metadata.TotalSamples * 2, fixture.Reference.Length);
    }

    [Fact]
    public async Task Thousand_random_segments_equal_one_sequential_decode_bit_for_bit()
    {
        var random = new Random(2024);
        long total = Recording.Metadata.TotalSamples;
        for (int i = 0; i < 1000; i++)
        {
            int count = random.Next(1, 3 * 1024 + 1);
            long start = random.NextInt64(0, total - count + 1);
            await AssertSegmentExactAsync(start, count);
        }
    }

    [Fact]
    public async Task Edge_segments_equal_the_sequential_decode()
    {
        long total = Recording.Metadata.TotalSamples;
        var cases = new List<(long Start, int Count)>
        {
            (0, 1), (0, 1024), (0, 5000), (total - 1, 1), (total - 1024, 1024), (total - 4097, 4097), (1, 1),
        };
        // Across frame boundaries: encoded position = source + 1024, so frame k starts at source sample (k - 1) * 1024.
        foreach (long frame in new long[] { 1, 2, 77, 1000, 3000 })
        {
            long boundary = (frame - 1) * 1024;
            cases.Add((Math.Max(0, boundary - 1), 2));
            cases.Add((boundary, 1));
            cases.Add((Math.Max(0, boundary - 300), 1500));
        }
        // Across chunk boundaries (the splices of the parallel import).
        long chunk = ChunkSamples();
        for (long splice = chunk; splice < total; splice += chunk)
        {
            foreach (long offset in new long[] { -2048, -1025, -1024, -1, 0, 1, 1023 })
            {
                long start = Math.Clamp(splice + offset, 0, total - 3000);
                cases.Add((start, 3000));
            }
        }
        foreach (var (start, count) in cases)
        {
            await AssertSegmentExactAsync(start, count);
        }
    }

    [Fact]
    public async Task The_whole_recording_in_one_read_equals_the_sequential_decode()
    {
        int total = (int)Recording.Metadata.TotalSamples;
        await AssertSegmentExactAsync(0, total);
    }

    [Fact]
    public async Task Streamed_f32_segment_bytes_equal_the_sample_read()
    {
        using var stream = new MemoryStream();
        await Recording.Segments.ReadSegmentAsync("music", 123_456, 200_000, SegmentFormat.F32, stream, CancellationToken.None);
        var streamed = Pcm.Floats(stream.ToArray());
        Assert.Equal(fixture.Reference.AsSpan(123_456 * 2, 200_000 * 2).ToArray(), streamed);
    }

    private long ChunkSamples() => 10L * 44100 / 4096 * 4096;

    private async Task AssertSegmentExactAsync(long start, int count)
    {
        var buffer = new float[count * 2];
        int read = await Recording.Segments.ReadSamplesAsync("music", start, count, buffer, CancellationToken.None);
        Assert.Equal(count, read);
        var expected = fixture.Reference.AsSpan((int)start * 2, count * 2);
        if (!expected.SequenceEqual(buffer))
        {
            int first = 0;
            while (expected[first] == buffer[first])
            {
                first++;
            }
            Assert.Fail($"segment {start}+{count} differs from the sequential decode at value {first}: {expected[first]} vs {buffer[first]}");
        }
    }
}
