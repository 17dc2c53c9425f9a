using System.Buffers.Binary;
using Hark.Media.Decode;
using Hark.Media.Errors;
using Hark.Media.Probe;
using Hark.Testing;

namespace Hark.Media.Tests;

public sealed class PcmDecoderTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-media-pcm");

    public void Dispose() => _dir.Dispose();

    private static async Task<int[]> ReadAllS32(string path, int framesPerRead = 4096)
    {
        await using var pcm = await PcmDecoder.OpenAsync(path, PcmSampleFormat.S32, CancellationToken.None);
        var all = new List<int>();
        var buffer = new int[framesPerRead * pcm.Channels];
        int frames;
        while ((frames = await pcm.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            Assert.InRange(frames, 1, framesPerRead);
            all.AddRange(buffer.AsSpan(0, frames * pcm.Channels));
        }
        Assert.Equal(all.Count / pcm.Channels, pcm.FramesRead);
        return [.. all];
    }

    /// <summary>The data chunk of a canonical WAV as integers, read without ffmpeg.</summary>
    private static int[] WavIntegers(string path, int bytesPerSample)
    {
        var bytes = File.ReadAllBytes(path);
        int position = 12;
        while (!bytes.AsSpan(position, 4).SequenceEqual("data"u8))
        {
            position += 8 + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position + 4));
        }
        int size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position + 4));
        var data = bytes.AsSpan(position + 8, size);
        var values = new int[size / bytesPerSample];
        for (int i = 0; i < values.Length; i++)
        {
            var s = data.Slice(i * bytesPerSample, bytesPerSample);
            values[i] = bytesPerSample == 2 ? BinaryPrimitives.ReadInt16LittleEndian(s) : (s[0] | (s[1] << 8) | ((sbyte)s[2] << 16));
        }
        return values;
    }

    [Fact]
    public async Task S32_of_24_bit_flac_equals_the_source_integers()
    {
        // Loud enough to use all 24 bits, 2 channels, a length that is no multiple of any block size.
        string wav = await AudioGenerator.GenerateAsync(
            "aevalsrc=0.99*sin(2*PI*440*t)|0.5*sin(2*PI*1234*t)+0.3*random(1):s=48000:d=2.0123",
            _dir.File("s24.wav"), "-c:a", "pcm_s24le");
        string flac = _dir.File("s24.flac");
        await ProcessRunner.RunCheckedAsync("flac", "--silent", "--force", "-o", flac, wav);

        var source = WavIntegers(wav, 3);
        var fromWav = await ReadAllS32(wav);
        var fromFlac = await ReadAllS32(flac, framesPerRead: 1000);

        Assert.Equal(source.Length, fromWav.Length);
        Assert.True(source.AsSpan().SequenceEqual(fromWav), "WAV decode differs from the file's integers");
        Assert.True(source.AsSpan().SequenceEqual(fromFlac), "FLAC decode differs from the source integers");
        Assert.InRange(fromFlac.Max(), 1 << 22, (1 << 23) - 1);
        Assert.InRange(fromFlac.Min(), -(1 << 23), -(1 << 22));
    }

    [Fact]
    public async Task S32_of_16_bit_sources_gives_16_bit_values_in_any_container()
    {
        var expression = AudioGenerator.SineExpression(2, 1.3, 44100).Replace("0.4*", "0.95*", StringComparison.Ordinal);
        string wav = await AudioGenerator.GenerateAsync(expression, _dir.File("s16.wav"), "-c:a", "pcm_s16le");
        string w64 = await AudioGenerator.GenerateAsync(expression, _dir.File("s16.w64"), "-c:a", "pcm_s16le");
        string rf64 = await AudioGenerator.GenerateAsync(expression, _dir.File("s16rf.wav"), "-c:a", "pcm_s16le", "-rf64", "always");

        var source = WavIntegers(wav, 2);
        var fromWav = await ReadAllS32(wav);
        Assert.True(source.AsSpan().SequenceEqual(fromWav));
        Assert.InRange(fromWav.Max(), 30000, short.MaxValue);
        Assert.InRange(fromWav.Min(), short.MinValue, -30000);

        var fromRf64 = await ReadAllS32(rf64, framesPerRead: 333);
        Assert.True(source.AsSpan().SequenceEqual(fromRf64));
        // W64 pads its data chunk to 8 bytes: the same samples, then zeros.
        var fromW64 = await ReadAllS32(w64);
        Assert.True(source.AsSpan().SequenceEqual(fromW64.AsSpan(0, source.Length)));
        Assert.All(fromW64.Skip(source.Length), v => Assert.Equal(0, v));
    }

    [Fact]
    public async Task Reads_into_small_buffers_give_the_same_stream()
    {
        string ogg = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(3, 1.1, 32000), _dir.File("a.ogg"));
        var big = await ReadAllF32(ogg, 8192);
        var small = await ReadAllF32(ogg, 7);
        Assert.Equal(-1, Floats.FirstBitDifference(big, small));
        Assert.Equal(0, big.Length % 3);
        Assert.Contains(big, s => Math.Abs(s) > 0.3f);
    }

    private static async Task<float[]> ReadAllF32(string path, int framesPerRead)
    {
        await using var pcm = await PcmDecoder.OpenAsync(path, PcmSampleFormat.F32, CancellationToken.None);
        var all = new List<float>();
        var buffer = new float[framesPerRead * pcm.Channels];
        int frames;
        while ((frames = await pcm.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            all.AddRange(buffer.AsSpan(0, frames * pcm.Channels));
        }
        return [.. all];
    }

    [Fact]
    public async Task F32_keeps_rate_and_channels_and_refuses_integer_reads()
    {
        string mp3 = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 1, 22050), _dir.File("a.mp3"));
        await using var pcm = await PcmDecoder.OpenAsync(mp3, PcmSampleFormat.F32, CancellationToken.None);
        Assert.Equal(22050, pcm.SampleRate);
        Assert.Equal(2, pcm.Channels);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await pcm.ReadAsync(new int[100], CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(async () => await pcm.ReadAsync(new float[1], CancellationToken.None));
    }

    [Fact]
    public async Task Ffmpeg_failure_surfaces_its_last_error_line()
    {
        string wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 0.5, 8000), _dir.File("gone.wav"));
        var info = await MediaProbe.ProbeAsync(wav, CancellationToken.None);
        File.Delete(wav);
        await using var pcm = PcmDecoder.Open(info, PcmSampleFormat.S32);
        var error = await Assert.ThrowsAsync<MediaProcessException>(async () => await pcm.ReadAsync(new int[64], CancellationToken.None));
        Assert.Contains("No such file or directory", error.Message);
        Assert.StartsWith("ffmpeg decoding gone.wav failed (exit ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Disposing_early_ends_the_ffmpeg_process()
    {
        // 20 s of 48 kHz stereo is 7.7 MB of f32 output against a 64 KB pipe: an ffmpeg that was not ended would
        // still be running, blocked on its full stdout, when the check below looks.
        string wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 20, 48000), _dir.File("long.wav"));
        var pcm = await PcmDecoder.OpenAsync(wav, PcmSampleFormat.F32, CancellationToken.None);
        var buffer = new float[256];
        Assert.True(await pcm.ReadAsync(buffer, CancellationToken.None) > 0);
        var decoder = Assert.Single(ChildProcesses.RunningWith(wav));
        Assert.Equal(pcm.ProcessId, decoder.Id);
        Assert.Equal("ffmpeg", Path.GetFileName(decoder.Arguments[0]));

        await pcm.DisposeAsync();

        Assert.Empty(ChildProcesses.RunningWith(wav));
        Assert.DoesNotContain(ChildProcesses.Running(), p => p.Id == decoder.Id);
    }

    [Fact]
    public async Task Ffmpeg_that_gives_no_output_is_killed_at_the_inactivity_bound()
    {
        // ffmpeg connects to the server, sends its request and waits for an answer that never comes.
        using var server = new SilentHttpServer();
        string url = server.Url("x.wav");
        var source = new SourceInfo("/recordings/x.wav", "wav", "pcm_s16le", 8000, 1, null, 1.0, 8000, "s16", 16, false, null, 16044);
        await using var pcm = PcmDecoder.Open(source, PcmSampleFormat.S32, url, TimeSpan.FromSeconds(1));
        Assert.Single(ChildProcesses.RunningWith(url));

        var error = await Assert.ThrowsAsync<MediaProcessException>(async () => await pcm.ReadAsync(new int[64], CancellationToken.None));

        Assert.Equal("ffmpeg timed out after 1 s without output on x.wav", error.Message);
        Assert.Empty(ChildProcesses.RunningWith(url));
    }
}
