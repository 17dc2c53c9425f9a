using System.Text.Json;
using Hark.Testing;

namespace Hark.Cli.Tests.Lac;

/// <summary><c>./hark lac ...</c> as a real process, against ffmpeg-made input and ffmpeg's own decode.</summary>
public class LacCommandTests
{
    private static async Task<byte[]> PcmAsync(string file) =>
        (await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-loglevel", "error", "-i", file, "-f", "s32le", "-c:a", "pcm_s32le", "-")).StandardOutput;

    [Fact]
    public async Task EncodeDecodeVerifyAndInfoOnAnFfmpegWav()
    {
        using var temp = new TempDirectory();
        var wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 3, 44100), temp.File("in.wav"), "-c:a", "pcm_s16le");
        var lac = temp.File("in.lac");
        var back = temp.File("back.wav");

        var encode = await ProcessRunner.HarkAsync("lac", "encode", wav, lac);
        Assert.True(encode.ExitCode == 0, encode.StandardError);
        Assert.Contains("132300 samples x 2 ch", encode.Output);
        Assert.True(new FileInfo(lac).Length < new FileInfo(wav).Length / 3);

        var decode = await ProcessRunner.HarkAsync("lac", "decode", lac, back);
        Assert.True(decode.ExitCode == 0, decode.StandardError);
        Assert.Equal(await PcmAsync(wav), await PcmAsync(back));

        var verify = await ProcessRunner.HarkAsync("lac", "verify", lac);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("OK", verify.Output);

        var info = await ProcessRunner.HarkAsync("lac", "info", lac, "--json");
        Assert.Equal(0, info.ExitCode);
        using var json = JsonDocument.Parse(info.Output);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schema_version").GetInt32());
        Assert.Equal(44100, root.GetProperty("sample_rate").GetInt32());
        Assert.Equal(2, root.GetProperty("channels").GetInt32());
        Assert.Equal(16, root.GetProperty("bits_per_sample").GetInt32());
        Assert.Equal(132300, root.GetProperty("total_samples").GetInt64());
        Assert.Equal(4096, root.GetProperty("block_size").GetInt32());
        Assert.Equal(33, root.GetProperty("blocks").GetInt32());
        Assert.Equal(new FileInfo(lac).Length, root.GetProperty("file_bytes").GetInt64());
        Assert.Equal(0, root.GetProperty("damaged_blocks").GetInt32());
        Assert.Equal(33, root.GetProperty("stereo_modes").EnumerateObject().Sum(m => m.Value.GetInt32()));
        Assert.Equal(33, root.GetProperty("prediction_order_histogram").GetArrayLength());

        var text = await ProcessRunner.HarkAsync("lac", "info", lac);
        Assert.Contains("44100 Hz, 2 ch, 16-bit", text.Output);

        var fastLac = temp.File("fast.lac");
        var fast = await ProcessRunner.HarkAsync("lac", "encode", wav, fastLac, "--fast", "--block-size", "1000", "--search", "Grid");
        Assert.True(fast.ExitCode == 0, fast.StandardError);
        var fastBack = temp.File("fast.wav");
        Assert.Equal(0, (await ProcessRunner.HarkAsync("lac", "decode", fastLac, fastBack)).ExitCode);
        Assert.Equal(await PcmAsync(wav), await PcmAsync(fastBack));
    }

    /// <summary>
    /// The same bytes on one job, on all cores, and on a process whose runtime is denied AVX2 (so Vector256 is not
    /// accelerated and every scalar path runs, as on a machine without it); each decodes back to ffmpeg's samples.
    /// </summary>
    [Fact]
    public async Task EncodingIsTheSameOnAnyJobsAndWithoutAvx2()
    {
        using var temp = new TempDirectory();
        var wav = await AudioGenerator.GenerateAsync(
            "aevalsrc='0.5*sin(2*PI*440*t)*exp(-2*mod(t\\,0.7))|0.4*sin(2*PI*660*t+1)':s=44100:d=4[m];anoisesrc=c=pink:a=0.01:s=44100:d=4:seed=3[n];[n]aformat=channel_layouts=stereo[n2];[m][n2]amix=inputs=2:normalize=0",
            temp.File("in.wav"), "-ac", "2", "-c:a", "pcm_s16le");
        var scalarOnly = new Dictionary<string, string> { ["DOTNET_EnableAVX2"] = "0" };
        var runs = new (string Name, string[] Jobs, Dictionary<string, string>? Environment)[]
        {
            ("one", ["--jobs", "1"], null),
            ("all", [], null),
            ("three", ["--jobs", "3"], null),
            ("scalar", ["--jobs", "1"], scalarOnly),
        };
        var expected = await PcmAsync(wav);
        byte[]? first = null;
        foreach (var (name, jobs, environment) in runs)
        {
            var lac = temp.File(name + ".lac");
            var encode = await ProcessRunner.RunAsync(RepoPaths.HarkScript, ["lac", "encode", wav, lac, .. jobs], environment: environment);
            Assert.True(encode.ExitCode == 0, encode.StandardError);
            var bytes = await File.ReadAllBytesAsync(lac);
            first ??= bytes;
            Assert.True(first.AsSpan().SequenceEqual(bytes), $"{name}: the .lac differs from one job's");
            var back = temp.File(name + ".wav");
            var decode = await ProcessRunner.RunAsync(RepoPaths.HarkScript, ["lac", "decode", lac, back, .. jobs], environment: environment);
            Assert.True(decode.ExitCode == 0, decode.StandardError);
            Assert.Equal(expected, await PcmAsync(back));
        }
        var zero = await ProcessRunner.HarkAsync("lac", "encode", wav, temp.File("zero.lac"), "--jobs", "0");
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("hark: --jobs must be at least 1", zero.StandardError);
    }

    [Fact]
    public async Task VerifyFailsWithTheRejectionClassOnADamagedFile()
    {
        using var temp = new TempDirectory();
        var wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 1, 16000), temp.File("m.wav"), "-c:a", "pcm_s16le");
        var lac = temp.File("m.lac");
        Assert.Equal(0, (await ProcessRunner.HarkAsync("lac", "encode", wav, lac)).ExitCode);
        var bytes = await File.ReadAllBytesAsync(lac);
        await File.WriteAllBytesAsync(lac, bytes[..(bytes.Length - 30)]);
        var verify = await ProcessRunner.HarkAsync("lac", "verify", lac);
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("rejection class 8", verify.Output + verify.StandardError);
        Assert.Contains("FAILED", verify.StandardError);
        var decode = await ProcessRunner.HarkAsync("lac", "decode", lac, temp.File("out.wav"));
        Assert.Equal(1, decode.ExitCode);
        Assert.Contains("silence", decode.StandardError);
    }

    [Fact]
    public async Task FloatInputAndMissingFilesAreOneLineErrors()
    {
        using var temp = new TempDirectory();
        var wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 0.2, 8000), temp.File("f.wav"), "-c:a", "pcm_f32le");
        var encode = await ProcessRunner.HarkAsync("lac", "encode", wav, temp.File("f.lac"));
        Assert.Equal(1, encode.ExitCode);
        Assert.Contains("float", encode.StandardError);
        Assert.Single(encode.StandardError.Trim().Split('\n'));
        Assert.False(File.Exists(temp.File("f.lac")));
        var missing = await ProcessRunner.HarkAsync("lac", "verify", temp.File("nope.lac"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no such file", missing.StandardError);
        var notLac = await ProcessRunner.HarkAsync("lac", "info", wav);
        Assert.Equal(1, notLac.ExitCode);
        Assert.Contains("not a .lac file", notLac.StandardError);
        var usage = await ProcessRunner.HarkAsync("lac", "encode", wav, temp.File("x.lac"), "--block-size", "0");
        Assert.Equal(2, usage.ExitCode);
    }
}
