using Hark.Codec.Wav;
using Hark.Testing;

namespace Hark.Codec.Tests.Wav;

public class WavTests
{
    [Theory]
    [InlineData(8, 1)]
    [InlineData(16, 2)]
    [InlineData(24, 6)]
    [InlineData(32, 2)]
    public void WriterAndReaderRoundTrip(int bits, int channels)
    {
        var random = new Random(bits);
        long max = (1L << (bits - 1)) - 1;
        var x = Enumerable.Range(0, 1001 * channels).Select(_ => (int)random.NextInt64(-max - 1, max + 1)).ToArray();
        var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, WavFormat.Pcm(44100, channels, bits), leaveOpen: true))
        {
            writer.WriteFrames(x.AsSpan(0, 500 * channels));
            writer.WriteFrames(x.AsSpan(500 * channels));
        }
        stream.Position = 0;
        using var reader = new WavReader(stream);
        Assert.Equal(bits, reader.Format.BitsPerSample);
        Assert.Equal(channels, reader.Format.Channels);
        Assert.Equal(1001, reader.TotalFrames);
        var back = new int[x.Length + 10];
        int frames = reader.ReadFrames(back);
        Assert.Equal(1001, frames);
        Assert.Equal(x, back[..x.Length]);
        Assert.Equal(0, reader.ReadFrames(back));
    }

    [Theory]
    [InlineData("pcm_u8", 8, 1)]
    [InlineData("pcm_s16le", 16, 2)]
    [InlineData("pcm_s24le", 24, 6)]
    [InlineData("pcm_s32le", 32, 2)]
    public async Task ReadsWhatFfmpegWritesSampleForSample(string codec, int bits, int channels)
    {
        using var temp = new TempDirectory();
        var wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(channels, 0.5, 48000), temp.File("in.wav"), "-c:a", codec);
        // ffmpeg's own decode to s32 (left-justified) is the reference.
        var raw = await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-loglevel", "error", "-i", wav, "-f", "s32le", "-c:a", "pcm_s32le", "-");
        using var reader = new WavReader(File.OpenRead(wav));
        Assert.Equal(bits, reader.Format.BitsPerSample);
        Assert.Equal(channels, reader.Format.Channels);
        Assert.Equal(48000, reader.Format.SampleRate);
        var samples = new int[24000 * channels];
        Assert.Equal(24000, reader.ReadFrames(samples));
        for (int i = 0; i < samples.Length; i++)
        {
            int expected = BitConverter.ToInt32(raw.StandardOutput, 4 * i) >> (32 - bits);
            Assert.Equal(expected, samples[i]);
        }
    }

    [Theory]
    [InlineData("pcm_s16le", 16, 2)]
    [InlineData("pcm_s24le", 24, 1)]
    public async Task ReadsRf64WithTheSizesOfItsDs64Chunk(string codec, int bits, int channels)
    {
        using var temp = new TempDirectory();
        var rf64 = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(channels, 0.5, 48000), temp.File("big.wav"),
            "-c:a", codec, "-rf64", "always");
        Assert.Equal("RF64"u8.ToArray(), (await File.ReadAllBytesAsync(rf64))[..4]);
        var raw = await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-loglevel", "error", "-i", rf64, "-f", "s32le", "-c:a", "pcm_s32le", "-");
        using var reader = new WavReader(File.OpenRead(rf64));
        Assert.Equal(24000L * channels * bits / 8, reader.DataLength);
        Assert.Equal(24000, reader.TotalFrames);
        var samples = new int[24000 * channels + 7];
        Assert.Equal(24000, reader.ReadFrames(samples));
        Assert.Equal(
            Enumerable.Range(0, 24000 * channels).Select(i => BitConverter.ToInt32(raw.StandardOutput, 4 * i) >> (32 - bits)),
            samples[..(24000 * channels)]);
    }

    [Fact]
    public async Task FfmpegReadsWhatTheWriterWrites()
    {
        using var temp = new TempDirectory();
        var x = Enumerable.Range(0, 300 * 6).Select(i => (i * 7919) % 100000 - 50000).ToArray();
        var path = temp.File("w.wav");
        using (var writer = new WavWriter(File.Create(path), WavFormat.Pcm(96000, 6, 24)))
        {
            writer.WriteFrames(x);
        }
        var raw = await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-loglevel", "error", "-i", path, "-f", "s32le", "-c:a", "pcm_s32le", "-");
        var back = Enumerable.Range(0, x.Length).Select(i => BitConverter.ToInt32(raw.StandardOutput, 4 * i) >> 8).ToArray();
        Assert.Equal(x, back);
    }

    [Fact]
    public async Task FloatFilesOpenButAreNotReadAsIntegers()
    {
        using var temp = new TempDirectory();
        var wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 0.1, 8000), temp.File("f.wav"), "-c:a", "pcm_f32le");
        using var reader = new WavReader(File.OpenRead(wav));
        Assert.True(reader.Format.IsFloat);
        var e = Assert.Throws<WavFormatException>(() => reader.ReadFrames(new int[100]));
        Assert.Contains("float", e.Message);
    }

    [Fact]
    public void NotAWaveFileIsAClearError()
    {
        var e = Assert.Throws<WavFormatException>(() => new WavReader(new MemoryStream("ID3\u0004 not a wav file"u8.ToArray())));
        Assert.Contains("RIFF", e.Message);
    }
}
