using Hark.Media.Aac;
using Hark.Media.Errors;
using Hark.Testing;

namespace Hark.Media.Tests;

/// <summary>A 30 s stereo ADTS file made by the ffmpeg CLI, and the CLI's own decode of it, shared by the tests.</summary>
public sealed class ThirtySecondStream : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("hark-media-aac");

    internal RawFrames Frames { get; private set; } = null!;

    /// <summary>ffmpeg -i x.aac -f f32le -: every frame's output, priming included.</summary>
    internal float[] CliDecode { get; private set; } = [];

    public async Task InitializeAsync()
    {
        string aac = _dir.File("x.aac");
        await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 30, 44100), aac, "-c:a", "aac", "-aac_pns", "0", "-b:a", "160k", "-f", "adts");
        Frames = RawFrames.Read(aac);
        var decoded = await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-i", aac, "-f", "f32le", "-");
        CliDecode = Floats.FromF32le(decoded.StandardOutput);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class AacDecoderTests(ThirtySecondStream stream) : IClassFixture<ThirtySecondStream>
{
    private float[] SequentialDecode(AacDecoder decoder)
    {
        var frames = stream.Frames;
        var output = new float[frames.Count * AacDecoder.SamplesPerFrame * frames.Channels];
        var scratch = new float[AacDecoder.MaxSamplesPerFrame * frames.Channels];
        int position = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            int samples = decoder.Decode(frames.Frame(i), scratch);
            Assert.Equal(AacDecoder.SamplesPerFrame, samples);
            scratch.AsSpan(0, samples * frames.Channels).CopyTo(output.AsSpan(position));
            position += samples * frames.Channels;
        }
        return output;
    }

    [Fact]
    public void Sequential_decode_equals_the_ffmpeg_cli_bit_for_bit_priming_included()
    {
        var frames = stream.Frames;
        using var decoder = new AacDecoder(frames.AudioSpecificConfig, frames.SampleRate, frames.Channels);
        var ours = SequentialDecode(decoder);

        // The CLI decodes ADTS without trimming: one frame of output per frame, the 1024 priming samples first.
        Assert.Equal(frames.Count * AacDecoder.SamplesPerFrame * 2, stream.CliDecode.Length);
        Assert.Equal(-1, Floats.FirstBitDifference(stream.CliDecode, ours));
        Assert.Contains(ours, s => Math.Abs(s) > 0.3f);
    }

    [Fact]
    public void Random_segments_with_one_pre_roll_frame_equal_the_sequential_decode()
    {
        var frames = stream.Frames;
        int channels = frames.Channels;
        var whole = stream.CliDecode;
        long encodedLength = whole.Length / channels;
        var random = new Random(6);
        var segment = new float[8 * AacDecoder.SamplesPerFrame * channels];
        using var pool = new AacDecoderPool();
        var pooled = new AacSegmentDecoder(frames.AudioSpecificConfig, frames.SampleRate, channels, pool);
        // One decoder across many segments, never reset between them: the pre-roll alone must make them exact.
        using var shared = new AacDecoder(frames.AudioSpecificConfig, frames.SampleRate, channels);

        // Frame 0 (nothing before it), the last frame, then random starts and lengths.
        var cases = new List<(long Start, int Count)>
        {
            (0, 1024), (0, 1), (5, 3000), (encodedLength - 1024, 1024), (encodedLength - 1, 1), (encodedLength - 2500, 2500),
        };
        while (cases.Count < 200)
        {
            int count = random.Next(1, segment.Length / channels);
            cases.Add((random.NextInt64(0, encodedLength - count + 1), count));
        }

        for (int c = 0; c < cases.Count; c++)
        {
            var (start, count) = cases[c];
            // Positions here are in the encoded stream (priming 0), which covers frame 0 itself.
            var plan = AacSegmentPlan.For(start, count, primingSamples: 0, frames.Count);
            int first = (int)plan.FirstFrame;
            int byteStart = (int)frames.Offsets[first];
            int byteEnd = (int)(frames.Offsets[first + plan.FrameCount - 1] + frames.Sizes[first + plan.FrameCount - 1]);
            Array.Clear(segment);
            var bytes = frames.Bytes.AsSpan(byteStart, byteEnd - byteStart);
            var sizes = frames.Sizes.AsSpan(first, plan.FrameCount);
            int written = c % 2 == 0
                ? AacSegmentDecoder.Decode(shared, bytes, sizes, plan.StartsWithPreRoll, plan.OffsetInFirstNeededFrame, count, segment)
                : pooled.Decode(bytes, sizes, plan.StartsWithPreRoll, plan.OffsetInFirstNeededFrame, count, segment);

            Assert.Equal(count, written);
            Assert.Equal(start >= AacDecoder.SamplesPerFrame, plan.StartsWithPreRoll);
            int difference = Floats.FirstBitDifference(whole.AsSpan((int)(start * channels), count * channels), segment.AsSpan(0, count * channels));
            Assert.True(difference == -1, $"segment {start}+{count}: first differing sample at {difference}");
        }
    }

    [Fact]
    public void Without_the_pre_roll_frame_the_first_frame_differs()
    {
        // Shows the pre-roll is what makes segments exact: decoding frame k cold gives different samples.
        var frames = stream.Frames;
        using var decoder = new AacDecoder(frames.AudioSpecificConfig, frames.SampleRate, frames.Channels);
        var cold = new float[AacDecoder.SamplesPerFrame * 2];
        int written = AacSegmentDecoder.Decode(decoder, frames.Frame(100), [frames.Sizes[100]], false, 0, AacDecoder.SamplesPerFrame, cold);
        // A frame that decoded at all, not a buffer left at zero (which would differ from the CLI's trivially).
        Assert.Equal(AacDecoder.SamplesPerFrame, written);
        Assert.Contains(cold, s => Math.Abs(s) > 0.01f);
        Assert.NotEqual(-1, Floats.FirstBitDifference(stream.CliDecode.AsSpan(100 * 2048, 2048), cold));
    }

    [Fact]
    public void Pooled_decoders_are_reused_and_give_identical_output()
    {
        var frames = stream.Frames;
        using var pool = new AacDecoderPool(maxIdlePerKey: 2);
        var first = pool.Rent(frames.AudioSpecificConfig, frames.SampleRate, frames.Channels);
        var a = SequentialDecode(first);
        pool.Return(first);

        var second = pool.Rent(frames.AudioSpecificConfig, frames.SampleRate, frames.Channels);
        Assert.Same(first, second);
        var b = SequentialDecode(second);
        pool.Return(second);

        Assert.Equal(1, pool.Created);
        Assert.Equal(-1, Floats.FirstBitDifference(a, b));

        // Another stream format gets its own decoder.
        using var mono = pool.Rent([0x12, 0x08], 44100, 1);
        Assert.NotSame(first, mono);
        Assert.Equal(2, pool.Created);
    }

    [Fact]
    public void Pool_is_bounded_and_thread_safe()
    {
        var frames = stream.Frames;
        using var pool = new AacDecoderPool(maxIdlePerKey: 3, maxIdleTotal: 3);
        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var decoder = pool.Rent(frames.AudioSpecificConfig, frames.SampleRate, frames.Channels);
            var output = new float[AacDecoder.SamplesPerFrame * 2];
            Assert.Equal(AacDecoder.SamplesPerFrame, decoder.Decode(frames.Frame(i), output));
            pool.Return(decoder);
        });
        Assert.InRange(pool.IdleCount, 1, 3);
        Assert.InRange(pool.Created, 1, 4);
    }

    [Fact]
    public void Damaged_frames_raise_errors_and_the_decoder_stays_usable()
    {
        var frames = stream.Frames;
        using var decoder = new AacDecoder(frames.AudioSpecificConfig, frames.SampleRate, frames.Channels);
        var output = new float[AacDecoder.MaxSamplesPerFrame * 2];
        var random = new Random(1);
        int rejected = 0;
        for (int i = 0; i < 200; i++)
        {
            var garbage = new byte[random.Next(1, 800)];
            random.NextBytes(garbage);
            try
            {
                decoder.Decode(garbage, output);
            }
            catch (AacDecodeException)
            {
                rejected++;
            }
        }
        // Truncated real frames too.
        for (int i = 1; i < 40; i++)
        {
            try
            {
                decoder.Decode(frames.Frame(i)[..(frames.Sizes[i] / 3)], output);
            }
            catch (AacDecodeException)
            {
                rejected++;
            }
        }
        Assert.True(rejected > 100, $"only {rejected} damaged frames were rejected");

        decoder.Reset();
        var whole = SequentialDecode(decoder);
        Assert.Equal(-1, Floats.FirstBitDifference(stream.CliDecode, whole));
    }

    [Theory]
    [InlineData(8000, 1)]
    [InlineData(22050, 3)]
    [InlineData(48000, 6)]
    [InlineData(96000, 2)]
    public async Task Other_rates_and_layouts_decode_like_the_cli(int rate, int channels)
    {
        using var dir = new TempDirectory("hark-media-layout");
        string aac = dir.File("x.aac");
        // The layouts Hark encodes (lavfi would guess 2.1 for three channels, which AAC carries only with a PCE).
        string source = AudioGenerator.SineExpression(channels, 1.2, rate) + ":c=" + Encode.AacChannelLayouts.ForChannels(channels);
        await AudioGenerator.GenerateAsync(source, aac, "-c:a", "aac", "-aac_pns", "0", "-f", "adts");
        var cli = Floats.FromF32le((await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-i", aac, "-f", "f32le", "-")).StandardOutput);
        var frames = RawFrames.Read(aac);
        Assert.Equal(channels, frames.Channels);

        using var decoder = new AacDecoder(frames.AudioSpecificConfig, rate, channels);
        var scratch = new float[AacDecoder.MaxSamplesPerFrame * channels];
        float[] DecodeAll()
        {
            var output = new float[frames.Count * AacDecoder.SamplesPerFrame * channels];
            for (int i = 0; i < frames.Count; i++)
            {
                Assert.Equal(AacDecoder.SamplesPerFrame, decoder.Decode(frames.Frame(i), scratch));
                scratch.AsSpan(0, AacDecoder.SamplesPerFrame * channels).CopyTo(output.AsSpan(i * AacDecoder.SamplesPerFrame * channels));
            }
            return output;
        }
        var ours = DecodeAll();
        Assert.Equal(cli.Length, ours.Length);
        Assert.Equal(-1, Floats.FirstBitDifference(cli, ours));

        // Reset's silent frame must suit this channel configuration: a second pass is the first one again.
        decoder.Reset();
        Assert.Equal(-1, Floats.FirstBitDifference(cli, DecodeAll()));
    }

    [Fact]
    public void Config_that_contradicts_rate_or_channels_is_refused()
    {
        var asc = stream.Frames.AudioSpecificConfig;
        Assert.Throws<ArgumentException>(() => new AacDecoder(asc, 48000, 2));
        Assert.Throws<ArgumentException>(() => new AacDecoder(asc, 44100, 1));
        Assert.Throws<FormatException>(() => new AacDecoder([0x12], 44100, 2));
    }

    [Fact]
    public void Output_buffer_too_small_is_an_argument_error()
    {
        var frames = stream.Frames;
        using var decoder = new AacDecoder(frames.AudioSpecificConfig, frames.SampleRate, frames.Channels);
        Assert.Throws<ArgumentException>(() => decoder.Decode(frames.Frame(0), new float[100]));
    }

    [Fact]
    public void Segment_plan_maps_source_samples_through_the_priming()
    {
        var plan = AacSegmentPlan.For(firstSample: 0, sampleCount: 10, primingSamples: 1024, totalFrames: 100);
        Assert.Equal(new AacSegmentPlan(0, 2, true, 0, 10), plan);
        plan = AacSegmentPlan.For(firstSample: 3000, sampleCount: 2000, primingSamples: 1024, totalFrames: 100);
        // Encoded 4024..6023: frames 3..5, pre-roll frame 2.
        Assert.Equal(new AacSegmentPlan(2, 4, true, 4024 - 3072, 2000), plan);
        Assert.Throws<ArgumentOutOfRangeException>(() => AacSegmentPlan.For(100_000, 10, 1024, 50));
    }
}
