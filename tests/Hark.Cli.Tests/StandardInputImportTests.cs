using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Hark.Testing;
using Xunit.Abstractions;

namespace Hark.Cli.Tests;

/// <summary>
/// `hark import -`: a WAV stream from ffmpeg (header sizes unknown, as a pipe gives them) piped into the import, as a
/// process. The recording holds exactly ffmpeg's samples, its source hash and size are the stream's, memory stays
/// bounded on a long stream, and what is not a WAV stream is refused with one line.
/// </summary>
public sealed class StandardInputImportTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new("hark-stdin");

    private string Archive => _dir.File("archive");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("lac", "pcm_s24le")]
    [InlineData("aac", "pcm_s16le")]
    public async Task A_piped_wav_stream_is_archived_with_its_samples_hash_and_size(string codec, string pcm)
    {
        var (run, stream, _) = await ImportPipedAsync(
            "anoisesrc=c=pink:r=44100:a=0.3:seed=11:d=75,aformat=channel_layouts=stereo", pcm, "piped", "--codec", codec, "--chunk-seconds", "20");

        Assert.True(run.ExitCode == 0, run.StandardError);
        var info = JsonDocument.Parse((await HarkAsync("info", "piped", "--json")).Output).RootElement;
        Assert.Equal(75 * 44100, info.GetProperty("total_samples").GetInt64());
        Assert.Equal("stdin", info.GetProperty("source_name").GetString());
        Assert.Equal(stream.Length, info.GetProperty("source_size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stream)), info.GetProperty("source_sha256").GetString());
        if (codec == "lac")
        {
            // Lossless: the recording read back is ffmpeg's own decode of the very stream, bit for bit.
            await File.WriteAllBytesAsync(_dir.File("stream.wav"), stream);
            var expected = (await ProcessRunner.RunCheckedAsync("ffmpeg", "-v", "error", "-i", _dir.File("stream.wav"), "-f", "s32le", "-")).StandardOutput;
            var read = await HarkAsync("segment", "piped", "--start-sample", "0", "--count", $"{75 * 44100}", "--format", "f32", "-o", _dir.File("back.f32"));
            Assert.True(read.ExitCode == 0, read.StandardError);
            var floats = await File.ReadAllBytesAsync(_dir.File("back.f32"));
            Assert.Equal(expected.Length, floats.Length);
            for (int i = 0; i < expected.Length; i += 4)
            {
                int sample = BitConverter.ToInt32(expected, i) >> 8;
                float back = BitConverter.ToSingle(floats, i);
                Assert.True(sample == (int)(back * (1 << 23)), $"sample {i / 4}: {sample} vs {back * (1 << 23)}");
            }
        }
        else
        {
            Assert.Equal(160000, info.GetProperty("bitrate").GetInt32());
        }
    }

    [Fact]
    public async Task Six_hours_piped_in_peak_under_300_MB()
    {
        var (run, _, peakKilobytes) = await ImportPipedAsync(
            "sine=frequency=1000:sample_rate=8000:duration=0.5,volume=0.3,apad=whole_dur=60,aloop=loop=-1:size=480000", "pcm_s16le", "shift",
            ["--codec", "lac"], seconds: 6 * 3600);

        Assert.True(run.ExitCode == 0, run.StandardError);
        output.WriteLine($"peak RSS {peakKilobytes / 1024} MB; {run.Output}");
        Assert.Contains("shift: 6:00:00.000", run.Output);
        Assert.InRange(peakKilobytes, 1, 300 * 1024);
    }

    [Fact]
    public async Task What_is_not_a_wav_stream_is_refused_in_one_line_and_leaves_no_recording()
    {
        var run = await RunWithInputAsync("hello, this is not audio\n"u8.ToArray(), "import", "-", "--id", "junk");

        Assert.NotEqual(0, run.ExitCode);
        Assert.StartsWith("hark: standard input: WAV: not a RIFF/WAVE file", run.StandardError);
        Assert.DoesNotContain("junk", (await HarkAsync("ls")).Output);
    }

    [Theory]
    [InlineData(new[] { "import", "-" }, "give --id")]
    [InlineData(new[] { "import", "-", "other.wav", "--id", "x" }, "no other source")]
    public async Task Standard_input_needs_an_id_and_comes_alone(string[] args, string message)
    {
        var run = await RunWithInputAsync([], args);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.StandardError);
    }

    private Task<ProcessResult> HarkAsync(params string[] args) => ProcessRunner.HarkAsync([.. args, "--archive", Archive]);

    private Task<(ProcessResult Run, byte[] Stream, long PeakKilobytes)> ImportPipedAsync(string lavfi, string pcm, string id, params string[] options) =>
        ImportPipedAsync(lavfi, pcm, id, options, seconds: null);

    /// <summary>
    /// ffmpeg writes the WAV to its stdout (so its header cannot say the length) and the test pumps it into `hark import -`,
    /// keeping a copy when it is short, and watching hark's peak resident memory.
    /// </summary>
    private async Task<(ProcessResult Run, byte[] Stream, long PeakKilobytes)> ImportPipedAsync(string lavfi, string pcm, string id, string[] options, int? seconds)
    {
        var ffmpeg = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-nostdin", "-v", "error", "-f", "lavfi", "-i", lavfi, .. seconds is { } s ? new[] { "-t", s.ToString(CultureInfo.InvariantCulture) } : [], "-c:a", pcm, "-f", "wav", "-"])
        {
            ffmpeg.ArgumentList.Add(arg);
        }
        using var generator = Process.Start(ffmpeg)!;
        var copy = seconds is null ? new MemoryStream() : null;
        var result = await RunWithInputAsync(async stdin =>
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await generator.StandardOutput.BaseStream.ReadAsync(buffer)) > 0)
            {
                copy?.Write(buffer, 0, read);
                await stdin.WriteAsync(buffer.AsMemory(0, read));
            }
        }, ["import", "-", "--id", id, .. options]);
        await generator.WaitForExitAsync();
        return (result.Run, copy?.ToArray() ?? [], result.Peak);
    }

    private async Task<ProcessResult> RunWithInputAsync(byte[] input, params string[] args) =>
        (await RunWithInputAsync(async stdin => await stdin.WriteAsync(input), args)).Run;

    private async Task<(ProcessResult Run, long Peak)> RunWithInputAsync(Func<Stream, Task> feed, string[] args)
    {
        var start = new ProcessStartInfo(RepoPaths.HarkScript)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root,
        };
        foreach (var arg in (string[])[.. args, "--archive", Archive])
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        var watch = Task.Run(async () =>
        {
            while (!process.HasExited)
            {
                peak = Math.Max(peak, ImportMemoryTests.HighWaterMarkKilobytes(process.Id));
                await Task.Delay(200);
            }
        });
        try
        {
            await feed(process.StandardInput.BaseStream);
        }
        catch (IOException)
        {
            // hark stopped reading (a refused stream): its exit code and message say why.
        }
        finally
        {
            process.StandardInput.Close();
        }
        await process.WaitForExitAsync();
        await watch;
        return (new ProcessResult(process.ExitCode, System.Text.Encoding.UTF8.GetBytes(await stdout), await stderr), peak);
    }
}
