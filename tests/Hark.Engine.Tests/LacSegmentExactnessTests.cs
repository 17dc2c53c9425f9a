using Hark.Engine.Import;
using Hark.Testing;

namespace Hark.Engine.Tests;

/// <summary>Lossless recordings read back exactly the source's integer samples, at any rate, depth and channel count.</summary>
public sealed class LacSegmentExactnessTests
{
    public static TheoryData<int, int, string, int> Formats() => new()
    {
        { 8000, 1, "pcm_s16le", 16 },
        { 44100, 2, "pcm_s16le", 16 },
        { 48000, 2, "pcm_s24le", 24 },
        { 96000, 6, "pcm_s24le", 24 },
        { 192000, 1, "pcm_s24le", 24 },
        { 384000, 1, "pcm_s16le", 16 },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Random_and_edge_segments_equal_the_source_samples(int rate, int channels, string codec, int bits)
    {
        // Content with a chirp, noise and silence so the encoder's search meets varied frames.
        string expression = string.Join('|', Enumerable.Range(0, channels).Select(c =>
            $"if(lt(mod(t\\,3)\\,0.5)\\,0\\,0.3*sin(2*PI*(100+{c * 50}+{rate / 40}*t/6)*t)+0.02*(random({c})-0.5))"));
        double seconds = 6.3;
        var args = new List<string> { "-c:a", codec };
        if (channels == 6)
        {
            args.AddRange(["-channel_layout", "5.1"]);
        }
        await using var recording = await ImportedRecording.CreateAsync($"aevalsrc={expression}:s={rate}:d={seconds}",
            "source.wav", [.. args], new ImportRequest { Id = "exact", SourcePath = "", Codec = AudioCodec.Lac, ChunkSeconds = 2 });

        var meta = recording.Metadata;
        Assert.Equal(AudioCodec.Lac, meta.Codec);
        Assert.Equal(bits, meta.BitDepth);
        Assert.Equal(rate, meta.SampleRate);
        Assert.Equal(channels, meta.Channels);
        Assert.Equal((long)Math.Round(seconds * rate), meta.TotalSamples);

        // ffmpeg's own reading of the source is the independent reference.
        var decoded = await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-i", recording.SourcePath, "-f", "s32le", "-");
        var source = Pcm.Ints(decoded.StandardOutput).Select(v => v >> (32 - bits)).ToArray();
        Assert.Equal(meta.TotalSamples * channels, source.Length);

        long total = meta.TotalSamples;
        var random = new Random(rate + channels);
        var cases = Enumerable.Range(0, 150).Select(_ =>
        {
            int count = random.Next(1, 9000);
            return (random.NextInt64(0, total - count + 1), count);
        }).ToList();
        cases.AddRange([(0L, 1), (total - 1, 1), (4095, 2), (4096, 1), (0, (int)total)]);
        foreach (var (start, count) in cases)
        {
            var buffer = new int[count * channels];
            await recording.Segments.ReadIntegerSamplesAsync("exact", start, count, buffer, CancellationToken.None);
            Assert.True(source.AsSpan((int)start * channels, count * channels).SequenceEqual(buffer), $"segment {start}+{count} differs");
        }
    }

    [Fact]
    public async Task Lac_wav_segment_is_the_source_bytes()
    {
        await using var recording = await ImportedRecording.CreateAsync("aevalsrc=0.5*sin(2*PI*440*t)|0.4*sin(2*PI*550*t):s=48000:d=3",
            "source.wav", ["-c:a", "pcm_s24le"], new ImportRequest { Id = "wav", SourcePath = "", Codec = AudioCodec.Lac });
        using var stream = new MemoryStream();
        await recording.Segments.ReadSegmentAsync("wav", 1000, 48000, SegmentFormat.Wav, stream, CancellationToken.None);
        var segment = recording.Directory.File("segment.wav");
        await File.WriteAllBytesAsync(segment, stream.ToArray());

        // Both files through ffmpeg: same samples, same format.
        var expected = await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-i", recording.SourcePath,
            "-af", "atrim=start_sample=1000:end_sample=49000", "-f", "s32le", "-");
        var actual = await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-i", segment, "-f", "s32le", "-");
        Assert.Equal(expected.StandardOutput, actual.StandardOutput);
        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-show_entries", "stream=sample_rate,channels,bits_per_sample",
            "-of", "csv=p=0", segment);
        Assert.Equal("48000,2,24", probe.Output.Trim());
    }
}
