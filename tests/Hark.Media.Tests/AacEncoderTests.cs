using System.Globalization;
using Hark.Codec.Adts;
using Hark.Media.Aac;
using Hark.Media.Decode;
using Hark.Media.Encode;
using Hark.Media.Errors;
using Hark.Testing;

namespace Hark.Media.Tests;

public sealed class AacEncoderTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-media-aacenc");

    public void Dispose() => _dir.Dispose();

    private sealed record Encoded(AacEncodeResult Result, List<byte[]> Frames);

    private static async Task<Encoded> EncodeFileAsync(string path, AacEncoderSettings? settings = null)
    {
        await using var pcm = await PcmDecoder.OpenAsync(path, PcmSampleFormat.F32, CancellationToken.None);
        var frames = new List<byte[]>();
        var result = await AacEncoder.EncodeAsync(
            settings ?? new AacEncoderSettings(pcm.SampleRate, pcm.Channels),
            (buffer, ct) => pcm.ReadAsync(buffer, ct),
            (frame, _) =>
            {
                frames.Add(frame.ToArray());
                return ValueTask.CompletedTask;
            },
            CancellationToken.None);
        return new Encoded(result, frames);
    }

    [Theory]
    [InlineData(8000, 1)]
    [InlineData(8000, 2)]
    [InlineData(8000, 6)]
    [InlineData(44100, 1)]
    [InlineData(44100, 2)]
    [InlineData(44100, 6)]
    [InlineData(22050, 3)]
    [InlineData(32000, 4)]
    [InlineData(24000, 5)]
    [InlineData(48000, 1)]
    [InlineData(48000, 2)]
    [InlineData(48000, 6)]
    [InlineData(96000, 1)]
    [InlineData(96000, 2)]
    [InlineData(96000, 6)]
    public async Task Frames_match_the_ffmpeg_cli_encode_of_the_same_input(int rate, int channels)
    {
        double seconds = 1.7 + 333.0 / rate;
        string wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(channels, seconds, rate), _dir.File("in.wav"));
        var settings = new AacEncoderSettings(rate, channels);
        string cli = _dir.File("cli.aac");
        // The command line reads the same floats in the layout Hark gives each channel count (a WAV's own may differ:
        // ffmpeg calls a 3-channel WAV 2.1, Hark stores 3.0).
        string raw = _dir.File("in.f32");
        await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", wav, "-f", "f32le", raw);
        await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-y",
            "-f", "f32le", "-ar", rate.ToString(CultureInfo.InvariantCulture), "-ch_layout", AacChannelLayouts.ForChannels(channels), "-i", raw,
            "-c:a", "aac", "-aac_pns", "0", "-b:a", settings.BitRate.ToString(CultureInfo.InvariantCulture), "-f", "adts", cli);
        Assert.Equal(Math.Min(settings.BitRate, 6144L * channels * rate / 1024), settings.EffectiveBitRate);
        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-count_packets", "-select_streams", "a:0",
            "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", cli);
        long cliFrames = long.Parse(probe.Output.Trim(), CultureInfo.InvariantCulture);

        var ours = await EncodeFileAsync(wav, settings);

        Assert.Equal(cliFrames, ours.Result.FrameCount);
        Assert.Equal(cliFrames, ours.Frames.Count);
        Assert.Equal((long)Math.Round(seconds * rate), ours.Result.InputFrames);
        Assert.Equal(1024, ours.Result.PrimingSamples);
        Assert.Equal(settings.EffectiveBitRate, ours.Result.BitRate);
        Assert.StartsWith("libavcodec ", ours.Result.EncoderName);
        Assert.EndsWith(" aac", ours.Result.EncoderName);
        var format = AdtsStreamFormat.FromAudioSpecificConfig(ours.Result.AudioSpecificConfig);
        Assert.Equal((2, rate, channels), (format.ObjectType, format.SampleRate, format.ChannelConfiguration));

        // Same encoder, same input: the frames themselves are the CLI's.
        var reference = RawFrames.Read(cli);
        for (int i = 0; i < reference.Count; i++)
        {
            Assert.True(reference.Frame(i).SequenceEqual(ours.Frames[i]), $"frame {i} differs from the CLI's");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(3001)]
    public async Task Frames_do_not_depend_on_how_many_samples_each_read_returns(int framesPerRead)
    {
        const int rate = 32000;
        string wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 1.3, rate), _dir.File("reads.wav"));
        var whole = await EncodeFileAsync(wav);

        // The same samples handed over a few at a time: the encoder still gets frames of 1024 and one short last frame.
        await using var pcm = await PcmDecoder.OpenAsync(wav, PcmSampleFormat.F32, CancellationToken.None);
        var frames = new List<byte[]>();
        var result = await AacEncoder.EncodeAsync(new AacEncoderSettings(rate, 2),
            (buffer, ct) => pcm.ReadAsync(buffer[..Math.Min(buffer.Length, framesPerRead * 2)], ct),
            (frame, _) =>
            {
                frames.Add(frame.ToArray());
                return ValueTask.CompletedTask;
            },
            CancellationToken.None);

        Assert.Equal(whole.Result.InputFrames, result.InputFrames);
        Assert.Equal(whole.Frames.Count, frames.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            Assert.True(whole.Frames[i].SequenceEqual(frames[i]), $"frame {i} differs");
        }
    }

    [Fact]
    public async Task Decoded_output_is_the_input_delayed_by_the_priming()
    {
        const int rate = 44100;
        string wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 2, rate), _dir.File("p.wav"), "-c:a", "pcm_f32le");
        var encoded = await EncodeFileAsync(wav);
        var source = new List<float>();
        await using (var pcm = await PcmDecoder.OpenAsync(wav, PcmSampleFormat.F32, CancellationToken.None))
        {
            var buffer = new float[8192];
            int n;
            while ((n = await pcm.ReadAsync(buffer, CancellationToken.None)) > 0)
            {
                source.AddRange(buffer.AsSpan(0, n * 2));
            }
        }

        using var decoder = new AacDecoder(encoded.Result.AudioSpecificConfig, rate, 2);
        var decoded = new List<float>();
        var scratch = new float[AacDecoder.MaxSamplesPerFrame * 2];
        foreach (var frame in encoded.Frames)
        {
            int n = decoder.Decode(frame, scratch);
            decoded.AddRange(scratch.AsSpan(0, n * 2));
        }

        double Snr(int delay)
        {
            double signal = 0, noise = 0;
            for (int i = 0; i < source.Count; i++)
            {
                double d = decoded[i + delay * 2] - source[i];
                signal += source[i] * source[i];
                noise += d * d;
            }
            return 10 * Math.Log10(signal / noise);
        }
        var snrs = Enumerable.Range(encoded.Result.PrimingSamples - 8, 17).Select(d => (Delay: d, Snr: Snr(d))).ToList();
        var best = snrs.MaxBy(x => x.Snr);
        Assert.True(best.Delay == encoded.Result.PrimingSamples, string.Join(", ", snrs.Select(x => $"{x.Delay}: {x.Snr:F1} dB")));
        Assert.True(best.Snr > 15, $"SNR at the priming offset: {best.Snr:F1} dB");
    }

    [Fact]
    public async Task Every_source_sample_is_readable_through_the_plan_including_the_last()
    {
        const int rate = 48000;
        string wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 3.3, rate), _dir.File("t.wav"));
        var encoded = await EncodeFileAsync(wav);
        long total = encoded.Result.InputFrames;
        Assert.Equal(158400, total);

        var bytes = encoded.Frames.SelectMany(f => f).ToArray();
        var sizes = encoded.Frames.Select(f => f.Length).ToArray();
        var offsets = new int[sizes.Length];
        for (int i = 1; i < sizes.Length; i++)
        {
            offsets[i] = offsets[i - 1] + sizes[i - 1];
        }
        using var decoder = new AacDecoder(encoded.Result.AudioSpecificConfig, rate, 2);
        var sequential = new float[sizes.Length * AacDecoder.SamplesPerFrame * 2];
        for (int i = 0; i < sizes.Length; i++)
        {
            Assert.Equal(AacDecoder.SamplesPerFrame, decoder.Decode(bytes.AsSpan(offsets[i], sizes[i]), sequential.AsSpan(i * AacDecoder.SamplesPerFrame * 2)));
        }

        var reader = new AacSegmentDecoder(encoded.Result.AudioSpecificConfig, rate, 2, new AacDecoderPool());
        foreach (var (start, count) in new (long, int)[] { (0, 1), (0, 5000), (total - 1, 1), (total - 3000, 3000), (77_777, 1024) })
        {
            var plan = AacSegmentPlan.For(start, count, encoded.Result.PrimingSamples, encoded.Result.FrameCount);
            int first = (int)plan.FirstFrame;
            int end = offsets[first + plan.FrameCount - 1] + sizes[first + plan.FrameCount - 1];
            var output = new float[count * 2];
            reader.Decode(bytes.AsSpan(offsets[first], end - offsets[first]), sizes.AsSpan(first, plan.FrameCount), plan.StartsWithPreRoll,
                plan.OffsetInFirstNeededFrame, count, output);
            long at = (start + encoded.Result.PrimingSamples) * 2;
            Assert.Equal(-1, Floats.FirstBitDifference(sequential.AsSpan((int)at, count * 2), output));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            AacSegmentPlan.For(total + 2048, 1, encoded.Result.PrimingSamples, encoded.Result.FrameCount));
    }

    [Theory]
    [InlineData(192000, 2)]
    [InlineData(7350, 1)]
    [InlineData(44100, 7)]
    [InlineData(44100, 0)]
    public async Task Rates_and_channel_counts_aac_cannot_carry_are_refused(int rate, int channels)
    {
        Assert.False(AacEncoderSettings.IsSupported(rate, channels));
        var error = await Assert.ThrowsAsync<UnsupportedMediaException>(() => AacEncoder.EncodeAsync(
            new AacEncoderSettings(rate, channels), (_, _) => ValueTask.FromResult(0), (_, _) => ValueTask.CompletedTask, CancellationToken.None));
        Assert.Contains(rate == 192000 || rate == 7350 ? $"{rate} Hz" : $"not {channels}", error.Message);
    }

    [Fact]
    public async Task Errors_in_either_callback_surface_without_hanging()
    {
        int calls = 0;
        var fromSource = await Assert.ThrowsAsync<InvalidDataException>(() => AacEncoder.EncodeAsync(new AacEncoderSettings(48000, 2),
            (buffer, _) =>
            {
                if (++calls > 50)
                {
                    throw new InvalidDataException("source broke");
                }
                buffer.Span.Fill(0.25f);
                return ValueTask.FromResult(buffer.Length / 2);
            },
            (_, _) => ValueTask.CompletedTask, CancellationToken.None));
        Assert.Equal("source broke", fromSource.Message);

        // The sink failing while the source still has plenty: ffmpeg must be stopped, not left blocking on a full pipe.
        var fromSink = await Assert.ThrowsAsync<IOException>(() => AacEncoder.EncodeAsync(new AacEncoderSettings(48000, 2),
            (buffer, _) =>
            {
                buffer.Span.Fill(0.1f);
                return ValueTask.FromResult(buffer.Length / 2);
            },
            (_, _) => throw new IOException("disk full"), CancellationToken.None));
        Assert.Equal("disk full", fromSink.Message);
    }

    [Fact]
    public async Task Cancellation_stops_an_endless_source()
    {
        using var cancel = new CancellationTokenSource();
        int frames = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AacEncoder.EncodeAsync(new AacEncoderSettings(16000, 1),
            (buffer, _) =>
            {
                buffer.Span.Clear();
                return ValueTask.FromResult(buffer.Length);
            },
            (_, _) =>
            {
                if (++frames == 100)
                {
                    cancel.Cancel();
                }
                return ValueTask.CompletedTask;
            },
            cancel.Token));
        Assert.InRange(frames, 100, 104);
    }
}
