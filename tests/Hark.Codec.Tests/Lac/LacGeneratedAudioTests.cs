using Hark.Codec.Lac;
using Hark.Codec.Wav;
using Hark.Testing;

namespace Hark.Codec.Tests.Lac;

/// <summary>
/// Real generated audio (ffmpeg lavfi, espeak-ng, sox) through WAV -> .lac -> WAV, compared with ffmpeg's own
/// decode of the source: bit-exact or the test fails.
/// </summary>
public class LacGeneratedAudioTests
{
    private static async Task<long> AssertRoundTripAsync(TempDirectory temp, string source, LacEncoderOptions? options = null)
    {
        var lac = temp.File(Path.GetFileNameWithoutExtension(source) + ".lac");
        var back = temp.File(Path.GetFileNameWithoutExtension(source) + ".back.wav");
        using (var input = File.OpenRead(source))
        using (var output = File.Create(lac))
        {
            LacWavConverter.Encode(input, output, options);
        }
        using (var input = File.OpenRead(lac))
        using (var output = File.Create(back))
        using (var reader = LacWavConverter.Decode(input, output, strict: true))
        {
            Assert.Equal(0, reader.DamageCount);
        }
        var expected = await RawAsync(source);
        var actual = await RawAsync(back);
        Assert.True(expected.Length > 0 || new FileInfo(source).Length < 100);
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"{Path.GetFileName(source)} did not round-trip bit-exact");
        return new FileInfo(lac).Length;
    }

    /// <summary>ffmpeg's decode of a WAV as left-justified s32: the reference PCM.</summary>
    private static async Task<byte[]> RawAsync(string wav) =>
        (await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-loglevel", "error", "-i", wav, "-f", "s32le", "-c:a", "pcm_s32le", "-")).StandardOutput;

    private static Task<string> Lavfi(TempDirectory temp, string name, string source, params string[] output) =>
        AudioGenerator.GenerateAsync(source, temp.File(name + ".wav"), output);

    public static TheoryData<string, string, string> Sources() => new()
    {
        { "silence", "anullsrc=r=44100:cl=stereo,atrim=end_sample=44100", "pcm_s16le" },
        { "square_full_scale", "aevalsrc='if(lt(mod(t*441\\,1)\\,0.5)\\,1\\,-1)':s=44100:d=1", "pcm_s16le" },
        { "sines_stereo", AudioGenerator.SineExpression(2, 1, 44100), "pcm_s16le" },
        { "chirp", "aevalsrc='0.8*sin(2*PI*(50+8000*t)*t)':s=48000:d=1.5", "pcm_s24le" },
        { "white_noise", "anoisesrc=c=white:a=0.5:s=44100:d=1:seed=1", "pcm_s16le" },
        { "pink_noise_24", "anoisesrc=c=pink:a=0.3:s=96000:d=0.5:seed=2", "pcm_s24le" },
        { "rate_8k", "aevalsrc='0.5*sin(2*PI*300*t)+0.1*sin(2*PI*3100*t)':s=8000:d=2", "pcm_s16le" },
        { "rate_384k_ultrasonic", "aevalsrc='0.4*sin(2*PI*(40000+60000*t)*t)':s=384000:d=0.5", "pcm_s24le" },
        { "one_sample", "aevalsrc='0.5':s=44100,atrim=end_sample=1", "pcm_s16le" },
        { "block_minus_one", AudioGenerator.SineExpression(2, 1, 44100) + ",atrim=end_sample=4095", "pcm_s16le" },
        { "block_plus_one", AudioGenerator.SineExpression(2, 1, 44100) + ",atrim=end_sample=4097", "pcm_s16le" },
        { "eight_bit", AudioGenerator.SineExpression(1, 1, 22050), "pcm_u8" },
        { "surround_5_1", AudioGenerator.SineExpression(6, 1, 48000), "pcm_s24le" },
        { "quiet_24", "aevalsrc='0.0001*sin(2*PI*1000*t)':s=48000:d=0.5", "pcm_s24le" },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task GeneratedAudioRoundTripsBitExact(string name, string lavfi, string codec)
    {
        using var temp = new TempDirectory();
        var wav = await Lavfi(temp, name, lavfi, "-c:a", codec);
        await AssertRoundTripAsync(temp, wav);
    }

    [Fact]
    public async Task SpeechRoundTripsAndCompresses()
    {
        using var temp = new TempDirectory();
        var wav = await AudioGenerator.SpeechAsync("Field recorders capture hours of sound; every bit is kept.", temp.File("speech.wav"));
        long size = await AssertRoundTripAsync(temp, wav);
        using var reader = new WavReader(File.OpenRead(wav));
        Assert.True(size < reader.DataLength!.Value * 0.7, $"speech compressed only to {size} of {reader.DataLength} bytes");
    }

    [Fact]
    public async Task SoxNoiseAndEverySearchRoundTrip()
    {
        using var temp = new TempDirectory();
        var wav = temp.File("sox.wav");
        await ProcessRunner.RunCheckedAsync("sox", "-n", "-r", "32000", "-b", "16", "-c", "2", wav, "synth", "1", "pinknoise", "sine", "440", "vol", "0.5");
        foreach (var search in Enum.GetValues<LacOrderSearch>())
        {
            await AssertRoundTripAsync(temp, wav, new LacEncoderOptions { OrderSearch = search, BlockSize = 1152 });
        }
        await AssertRoundTripAsync(temp, wav, new LacEncoderOptions { ExhaustiveStereo = true, SecondWindow = true, BlockSize = 65535 });
        await AssertRoundTripAsync(temp, wav, new LacEncoderOptions { StereoDecorrelation = false, BlockSize = 1 });
    }

    [Fact]
    public async Task TwentyBitAudioIsStoredAtTwentyBits()
    {
        using var temp = new TempDirectory();
        var source = await Lavfi(temp, "src24", "anoisesrc=c=pink:a=0.4:s=48000:d=0.5:seed=9", "-c:a", "pcm_s24le");
        var wav20 = temp.File("twenty.wav");
        using (var reader = new WavReader(File.OpenRead(source)))
        using (var writer = new WavWriter(File.Create(wav20), new WavFormat(48000, 1, 24, 20, false, 0x4)))
        {
            var buffer = new int[4096];
            while (reader.ReadFrames(buffer) is int n and > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    buffer[i] &= ~0xF; // 20 significant bits
                }
                writer.WriteFrames(buffer.AsSpan(0, n));
            }
        }
        await AssertRoundTripAsync(temp, wav20);
        var lac = temp.File("twenty.lac");
        using var file = new LacFileReader(File.OpenRead(lac));
        Assert.Equal(20, file.Header.BitsPerSample);
        using var back = new WavReader(File.OpenRead(temp.File("twenty.back.wav")));
        Assert.Equal(20, back.Format.ValidBitsPerSample);
        Assert.Equal(24, back.Format.BitsPerSample);
    }

    [Fact]
    public async Task FloatAndNegativeFullScale24BitAreRefusedClearly()
    {
        using var temp = new TempDirectory();
        var floatWav = await Lavfi(temp, "float", AudioGenerator.SineExpression(1, 0.1, 8000), "-c:a", "pcm_f32le");
        var e = Assert.Throws<WavFormatException>(() => LacWavConverter.Encode(File.OpenRead(floatWav), new MemoryStream()));
        Assert.Contains("float", e.Message);
        var clipped = temp.File("clipped.wav");
        using (var writer = new WavWriter(File.Create(clipped), WavFormat.Pcm(48000, 1, 24)))
        {
            writer.WriteFrames([0, 5, -(1 << 23), 7]);
        }
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => LacWavConverter.Encode(File.OpenRead(clipped), new MemoryStream()));
        Assert.Contains("2^23 - 1", refused.Message);
    }
}
