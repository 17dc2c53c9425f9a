using System.Buffers.Binary;
using System.Text;
using Hark.Media.Errors;
using Hark.Media.Probe;
using Hark.Testing;

namespace Hark.Media.Tests;

public sealed class ProbeTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-media-probe");

    public void Dispose() => _dir.Dispose();

    private Task<string> Make(string name, int channels, double seconds, int rate, params string[] output) =>
        AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(channels, seconds, rate), _dir.File(name), output);

    [Theory]
    [InlineData("a.wav", "wav", "pcm_s16le", 44100, 2, 16, false)]
    [InlineData("a.flac", "flac", "flac", 48000, 1, 16, false, "-sample_fmt", "s16")]
    [InlineData("b.flac", "flac", "flac", 32000, 2, 24, false)]
    [InlineData("a.mp3", "mp3", "mp3", 44100, 2, null, true)]
    [InlineData("a.ogg", "ogg", "vorbis", 22050, 1, null, true)]
    [InlineData("a.m4a", "mov,mp4,m4a,3gp,3g2,mj2", "aac", 48000, 2, null, true)]
    [InlineData("a.w64", "w64", "pcm_s16le", 16000, 1, 16, false)]
    [InlineData("a.rf64.wav", "wav", "pcm_s16le", 8000, 2, 16, false, "-rf64", "always")]
    public async Task Probes_common_formats(string name, string format, string codec, int rate, int channels, int? bits, bool isFloat,
        params string[] output)
    {
        // 1.5 s plus 77 samples: not a multiple of any codec's frame, so an exact count has to be exact.
        double seconds = 1.5 + 77.0 / rate;
        string path = await Make(name, channels, seconds, rate, output);
        var info = await MediaProbe.ProbeAsync(path, CancellationToken.None);

        Assert.Equal(format, info.FormatName);
        Assert.Equal(codec, info.CodecName);
        Assert.Equal(rate, info.SampleRate);
        Assert.Equal(channels, info.Channels);
        Assert.Equal(bits, info.BitsPerRawSample);
        Assert.Equal(isFloat, info.IsFloat);
        Assert.Equal(new FileInfo(path).Length, info.SizeBytes);
        Assert.InRange(info.DurationSeconds, seconds - 0.1, seconds + 0.1);
        Assert.Null(info.StartTime);
        long expected = (long)Math.Round(seconds * rate);
        if (isFloat)
        {
            Assert.Null(info.TotalSamples);
        }
        else
        {
            // Exact means: what a full decode yields. ffmpeg's W64 muxer pads the data chunk to 8 bytes, and
            // the padding is part of the file's samples.
            Assert.Equal(await MediaProbe.CountSamplesAsync(path, CancellationToken.None), info.TotalSamples);
            Assert.InRange(info.TotalSamples!.Value, expected, name.EndsWith(".w64", StringComparison.Ordinal) ? expected + 3 : expected);
        }
    }

    [Fact]
    public async Task Probes_24_bit_and_float_wav()
    {
        var s24 = await MediaProbe.ProbeAsync(await Make("s24.wav", 2, 0.5, 96000, "-c:a", "pcm_s24le"), CancellationToken.None);
        Assert.Equal(24, s24.BitsPerRawSample);
        Assert.False(s24.IsFloat);
        Assert.Equal(48000, s24.TotalSamples);

        var f32 = await MediaProbe.ProbeAsync(await Make("f32.wav", 1, 0.5, 8000, "-c:a", "pcm_f32le"), CancellationToken.None);
        Assert.True(f32.IsFloat);
        Assert.Null(f32.BitsPerRawSample);
        Assert.Equal(4000, f32.TotalSamples);
    }

    [Fact]
    public async Task Names_that_look_like_protocols_or_options_are_plain_files()
    {
        string path = await Make("wave.wav", 1, 0.25, 8000);
        string odd = _dir.File("-concat:odd name.wav");
        File.Move(path, odd);
        var info = await MediaProbe.ProbeAsync(odd, CancellationToken.None);
        Assert.Equal(2000, info.TotalSamples);
        Assert.Equal(2000, await MediaProbe.CountSamplesAsync(odd, CancellationToken.None));
    }

    [Theory]
    [InlineData("say \"hi\".wav")]
    [InlineData("ends in a backslash\\")]
    [InlineData("back\\\"slash then quote.wav")]
    [InlineData("100%20 #1 ?.wav")]
    [InlineData("ünïcödé 録音.wav")]
    public async Task Names_with_quotes_backslashes_and_url_characters_reach_ffprobe_unchanged(string name)
    {
        // FFMpegCore passes the path inside one quoted command-line string: these are the names that could break it.
        string path = await Make("plain.wav", 1, 0.25, 8000);
        string odd = _dir.File(name);
        File.Move(path, odd);
        var info = await MediaProbe.ProbeAsync(odd, CancellationToken.None);
        Assert.Equal(odd, info.Path);
        Assert.Equal(2000, info.TotalSamples);
        Assert.Equal(2000, await MediaProbe.CountSamplesAsync(odd, CancellationToken.None));
    }

    [Fact]
    public async Task Ffprobe_that_gets_no_answer_is_killed_at_its_bound_with_one_line_naming_it_and_the_file()
    {
        using var server = new SilentHttpServer();
        string url = server.Url("x.wav");
        var error = await Assert.ThrowsAsync<MediaProcessException>(() =>
            FfprobeAnalysis.RunAsync(new Uri(url), "x.wav", TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.Equal("ffprobe timed out after 1 s on x.wav", error.Message);
        Assert.Empty(ChildProcesses.RunningWith(url));
    }

    [Fact]
    public async Task Caller_cancellation_stops_ffprobe_and_is_not_reported_as_a_timeout()
    {
        using var server = new SilentHttpServer();
        string url = server.Url("y.wav");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            FfprobeAnalysis.RunAsync(new Uri(url), "y.wav", TimeSpan.FromMinutes(5), cancel.Token));
        Assert.Empty(ChildProcesses.RunningWith(url));
    }

    [Fact]
    public async Task Start_time_from_creation_time_tag()
    {
        string path = await Make("c.m4a", 1, 0.5, 44100, "-metadata", "creation_time=2024-05-01T10:20:30Z");
        var info = await MediaProbe.ProbeAsync(path, CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 20, 30, TimeSpan.Zero), info.StartTime);
        Assert.Equal("creation_time", info.StartTimeSource);
    }

    [Fact]
    public async Task Start_time_from_bwf_bext_chunk()
    {
        string path = await Make("b.wav", 2, 0.5, 48000, "-c:a", "pcm_s24le", "-write_bext", "1",
            "-metadata", "origination_date=2023-11-02", "-metadata", "origination_time=23:59:58");
        var info = await MediaProbe.ProbeAsync(path, CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2023, 11, 2, 23, 59, 58, TimeSpan.Zero), info.StartTime);
        Assert.Equal("bext", info.StartTimeSource);
    }

    [Fact]
    public async Task Start_time_from_audiomoth_comment_converted_to_utc()
    {
        string path = await Make("moth.wav", 1, 0.5, 48000, "-metadata",
            "comment=Recorded at 06:30:00 15/07/2022 (UTC+2) by AudioMoth 24F319046048F2F0 at medium gain while battery was 4.2V.");
        var info = await MediaProbe.ProbeAsync(path, CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2022, 7, 15, 4, 30, 0, TimeSpan.Zero), info.StartTime);
        Assert.Equal("audiomoth", info.StartTimeSource);
    }

    [Fact]
    public async Task Start_time_from_guano_chunk()
    {
        string path = await Make("bat.wav", 1, 0.5, 96000);
        InsertRiffChunk(path, "guan", "GUANO|Version: 1.0\nMake: Test\nTimestamp: 2021-03-04T22:15:00-05:00\nSamplerate: 96000\n");
        var info = await MediaProbe.ProbeAsync(path, CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2021, 3, 5, 3, 15, 0, TimeSpan.Zero), info.StartTime);
        Assert.Equal("guano", info.StartTimeSource);
        // The chunk must not disturb the audio.
        Assert.Equal(48000, info.TotalSamples);
    }

    [Fact]
    public async Task Start_time_from_the_file_name_when_the_file_says_nothing_and_the_files_own_time_wins()
    {
        string named = await Make("SITE4_20260530_041200.wav", 1, 0.5, 48000);
        var info = await MediaProbe.ProbeAsync(named, CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2026, 5, 30, 4, 12, 0, TimeSpan.Zero), info.StartTime);
        Assert.Equal("file_name", info.StartTimeSource);

        string both = await Make("SITE4_20260530_050000.m4a", 1, 0.5, 44100, "-metadata", "creation_time=2024-05-01T10:20:30Z");
        var inside = await MediaProbe.ProbeAsync(both, CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 20, 30, TimeSpan.Zero), inside.StartTime);
        Assert.Equal("creation_time", inside.StartTimeSource);
    }

    [Fact]
    public async Task Text_file_has_no_audio_stream()
    {
        string path = _dir.File("x.txt");
        await File.WriteAllTextAsync(path, "just some words\nand more\n");
        var error = await Assert.ThrowsAsync<UnsupportedMediaException>(() => MediaProbe.ProbeAsync(path, CancellationToken.None));
        Assert.Matches(@"^x\.txt: (no audio stream|unreadable .*)$", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Video_only_file_has_no_audio_stream()
    {
        string path = await AudioGenerator.GenerateAsync("testsrc=size=64x48:rate=5:duration=1", _dir.File("v.mkv"), "-c:v", "ffv1");
        var error = await Assert.ThrowsAsync<UnsupportedMediaException>(() => MediaProbe.ProbeAsync(path, CancellationToken.None));
        Assert.Equal("v.mkv: no audio stream", error.Message);
    }

    [Fact]
    public async Task Missing_and_garbage_files_are_refused_in_one_line()
    {
        var missing = await Assert.ThrowsAsync<UnsupportedMediaException>(() => MediaProbe.ProbeAsync(_dir.File("nope.wav"), CancellationToken.None));
        Assert.Equal("nope.wav: file not found", missing.Message);

        string garbage = _dir.File("noise.wav");
        var bytes = new byte[5000];
        new Random(3).NextBytes(bytes);
        await File.WriteAllBytesAsync(garbage, bytes);
        var error = await Assert.ThrowsAsync<UnsupportedMediaException>(() => MediaProbe.ProbeAsync(garbage, CancellationToken.None));
        Assert.StartsWith("noise.wav: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("Recorded at 23:00:00 31/12/2020 (UTC-5) by AudioMoth", "2021-01-01T04:00:00Z")]
    [InlineData("Recorded at 08:00:00 01/06/2021 (UTC) by AudioMoth", "2021-06-01T08:00:00Z")]
    [InlineData("Recorded at 08:00:00 01/06/2021 (UTC+05:30) by AudioMoth", "2021-06-01T02:30:00Z")]
    [InlineData("Recorded at 08:00:00 31/02/2021 (UTC) by AudioMoth", null)]
    [InlineData("a nice evening", null)]
    public void Audiomoth_comments(string comment, string? expected) =>
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            StartTimeParsers.FromAudioMothComment(comment));

    [Fact]
    public void Bare_times_are_not_taken_for_dates()
    {
        Assert.Null(StartTimeParsers.FromIso8601("12:34:56"));
        Assert.Null(StartTimeParsers.FromIso8601("0000-00-00T00:00:00Z"));
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero), StartTimeParsers.FromBext("2020:01:02", "03-04-05"));
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero), StartTimeParsers.FromGuano("GUANO|Version: 1.0\nTimestamp: 2020-01-02T03:04:05\n"));
    }

    /// <summary>Adds a chunk right after "WAVE" and fixes the RIFF size, as a GUANO-writing recorder would.</summary>
    private static void InsertRiffChunk(string path, string id, string text)
    {
        var body = Encoding.UTF8.GetBytes(text);
        var original = File.ReadAllBytes(path);
        using var output = new MemoryStream();
        output.Write(original, 0, 12);
        output.Write(Encoding.ASCII.GetBytes(id));
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)body.Length);
        output.Write(size);
        output.Write(body);
        if (body.Length % 2 == 1)
        {
            output.WriteByte(0);
        }
        output.Write(original, 12, original.Length - 12);
        var result = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(result.Length - 8));
        File.WriteAllBytes(path, result);
    }

    [Theory]
    [InlineData("20260530_041200.wav", "2026-05-30T04:12:00Z")]
    [InlineData("NORTH-RIDGE_20260530_235959.WAV", "2026-05-30T23:59:59Z")]
    [InlineData("rec20260530T041200.flac", "2026-05-30T04:12:00Z")]
    [InlineData("site4 2026-05-30T04-12-07.wav", "2026-05-30T04:12:07Z")]
    [InlineData("2026-05-30_04.12.07.m4a", "2026-05-30T04:12:07Z")]
    [InlineData("120260530_041200.wav", null)]   // digits run on: not a timestamp
    [InlineData("20261330_041200.wav", null)]    // month 13
    [InlineData("20260530_246000.wav", null)]    // hour 24
    [InlineData("tone.wav", null)]
    public void A_recorders_file_name_gives_a_utc_start_time(string name, string? expected)
    {
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            StartTimeParsers.FromFileName(name));
    }
}
