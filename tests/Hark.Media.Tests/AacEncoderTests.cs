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
        await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", wav, "-c:a", "aac", "-aac_pns", "0",
            "-b:a", settings.BitRate.ToString(CultureInfo.InvariantCulture), "-f", "adts", cli);
        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-count_packets", "-select_streams", "a:0",
            "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", cli);
        long cliFrames = long.Parse(probe.Output.Trim(), CultureInfo.InvariantCulture);

        var ours = await EncodeFileAsync(wav, settings);

        Assert.Equal(cliFrames, ours.Result.FrameCount);
        Assert.Equal(cliFrames, ours.Frames.Count);
        Assert.Equal((long)Math.Round(seconds * rate), ours.Result.InputFrames);
        Assert.Equal(1024, ours.Result.PrimingSamples);
        Assert.StartsWith("ffmpeg ", ours.Result.EncoderName);
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
        Assert.True(frames >= 100);
    }
}
