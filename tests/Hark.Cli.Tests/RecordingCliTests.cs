using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Hark.Testing;

namespace Hark.Cli.Tests;

/// <summary>Import, read, inspect and export through `./hark` as a process, the way a user does.</summary>
public sealed class RecordingCliTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-cli");
    private string Archive => _dir.File("archive");

    public void Dispose() => _dir.Dispose();

    private Task<ProcessResult> HarkAsync(params string[] args) => ProcessRunner.HarkAsync([.. args, "--archive", Archive]);

    private async Task<string> StereoWavAsync(string name, double seconds) =>
        await AudioGenerator.GenerateAsync(
            $"aevalsrc=0.3*sin(2*PI*(250+40*t)*t)+0.03*(random(0)-0.5)|0.3*sin(2*PI*(900-20*t)*t)+0.03*(random(1)-0.5):s=44100:d={seconds}",
            _dir.File(name), "-c:a", "pcm_s16le");

    [Fact]
    public async Task Import_then_read_inspect_list_and_export()
    {
        var wav = await StereoWavAsync("field.wav", 20);
        // Without --node the import runs through a cluster of one in this process; --verbose shows its log, on stderr.
        var import = await HarkAsync("import", wav, "--id", "field", "--chunk-seconds", "5", "--jobs", "2", "--verbose");
        Assert.True(import.ExitCode == 0, import.StandardError);
        Assert.Contains("akka.tcp://hark-cli@127.0.0.1:", import.StandardError);
        Assert.Contains("is JOINING itself", import.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("akka", import.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("field:", import.Output);
        Assert.Contains("aac", import.Output);

        using (var info = JsonDocument.Parse((await HarkAsync("info", "field", "--json")).Output))
        {
            var root = info.RootElement;
            Assert.Equal(44100, root.GetProperty("sample_rate").GetInt32());
            Assert.Equal(2, root.GetProperty("channels").GetInt32());
            Assert.Equal(882000, root.GetProperty("total_samples").GetInt64());
            Assert.Equal(1024, root.GetProperty("priming_samples").GetInt32());
            Assert.True(root.GetProperty("index_bytes").GetInt64() < root.GetProperty("audio_bytes").GetInt64() / 100);
        }
        using (var list = JsonDocument.Parse((await HarkAsync("ls", "--json")).Output))
        {
            var row = Assert.Single(list.RootElement.EnumerateArray());
            Assert.Equal("field", row.GetProperty("id").GetString());
            Assert.Equal("complete", row.GetProperty("state").GetString());
        }

        // The exported ADTS plays in ffmpeg; its decode (priming dropped) is the reference for segment reads.
        var adts = _dir.File("field.aac");
        Assert.Equal(0, (await HarkAsync("export", "field", "--format", "adts", "-o", adts)).ExitCode);
        var decoded = await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-i", adts, "-f", "f32le", "-");
        var reference = MemoryMarshal.Cast<byte, float>(decoded.StandardOutput).ToArray();

        // A read starts no cluster (the archive's own segment reader answers it); stdout carries nothing but the samples.
        var segment = await HarkAsync("segment", "field", "--start-sample", "12345", "--count", "4410", "--format", "f32", "-o", "-", "--verbose");
        Assert.Equal(0, segment.ExitCode);
        Assert.DoesNotContain("akka.tcp://", segment.StandardError);
        var samples = MemoryMarshal.Cast<byte, float>(segment.StandardOutput).ToArray();
        Assert.Equal(reference.AsSpan((1024 + 12345) * 2, 4410 * 2).ToArray(), samples);

        var wavSegment = _dir.File("cut.wav");
        Assert.Equal(0, (await HarkAsync("segment", "field", "--start", "00:00:01.500", "--duration", "0.5", "-o", wavSegment)).ExitCode);
        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-show_entries", "stream=sample_rate,channels,duration_ts",
            "-of", "csv=p=0", wavSegment);
        Assert.Equal("44100,2,22050", probe.Output.Trim());

        var wavExport = _dir.File("all.wav");
        Assert.Equal(0, (await HarkAsync("export", "field", "--format", "wav", "-o", wavExport)).ExitCode);
        var exported = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-show_entries", "stream=duration_ts", "-of", "csv=p=0", wavExport);
        Assert.Equal("882000", exported.Output.Trim());
    }

    [Fact]
    public async Task Bad_requests_are_one_line_errors_with_the_right_exit_code()
    {
        var wav = await StereoWavAsync("short.wav", 2);
        Assert.Equal(0, (await HarkAsync("import", wav, "--id", "short")).ExitCode);

        await AssertFailsAsync(1, "not found", "segment", "nope", "--start-sample", "0", "--count", "10", "-o", "-");
        await AssertFailsAsync(1, "past the end", "segment", "short", "--start-sample", "88000", "--count", "1000", "-o", "-");
        await AssertFailsAsync(1, "negative", "segment", "short", "--start-sample", "-5", "--count", "10", "-o", "-");
        await AssertFailsAsync(1, "at least 1", "segment", "short", "--start-sample", "0", "--count", "0", "-o", "-");
        await AssertFailsAsync(2, "--count", "segment", "short", "--start-sample", "0", "-o", "-");
        await AssertFailsAsync(1, "--replace", "import", wav, "--id", "short");
        await AssertFailsAsync(1, "invalid", "import", wav, "--id", "../../etc");

        var text = _dir.File("notes.txt");
        await File.WriteAllTextAsync(text, "hello");
        await AssertFailsAsync(1, "notes.txt", "import", text);
        await AssertFailsAsync(1, "no such file", "import", _dir.File("absent.wav"));
    }

    [Fact]
    public async Task Several_files_import_as_a_batch_and_a_bad_one_does_not_stop_the_rest()
    {
        var dawn = await StereoWavAsync("dawn chorus.wav", 3);
        var dusk = await StereoWavAsync("dusk.wav", 4);
        var notes = _dir.File("notes.txt");
        await File.WriteAllTextAsync(notes, "not audio");

        var result = await HarkAsync("import", dawn, notes, dusk);

        Assert.Equal(1, result.ExitCode);
        var errors = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("hark:", StringComparison.Ordinal)).ToList();
        Assert.Contains("notes.txt", Assert.Single(errors));
        Assert.EndsWith("imported 2 of 3 files; failed: notes.txt", result.Output.Trim());
        using var list = JsonDocument.Parse((await HarkAsync("ls", "--json")).Output);
        var rows = list.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("total_samples").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["dawn-chorus"] = 3 * 44100, ["dusk"] = 4 * 44100 }, rows);

        await AssertFailsAsync(2, "--id", "import", dawn, dusk, "--id", "both");
        // Two cards with one file name each: the folder's name tells them apart, the same way on every rerun.
        var card1 = Directory.CreateDirectory(_dir.File("card1")).FullName;
        var card2 = Directory.CreateDirectory(_dir.File("card2")).FullName;
        File.Copy(dusk, Path.Combine(card1, "dusk.wav"));
        File.Copy(dawn, Path.Combine(card2, "dusk.wav"));
        var twoCards = await HarkAsync("import", Path.Combine(card1, "dusk.wav"), Path.Combine(card2, "dusk.wav"));
        Assert.Equal(0, twoCards.ExitCode);
        Assert.Contains("dusk.wav -> card1-dusk: complete", twoCards.Output);
        Assert.Contains("dusk.wav -> card2-dusk: complete", twoCards.Output);
        // The same folders again: every file is already archived with the same SHA-256, so nothing is imported.
        var rerun = await HarkAsync("import", card1, card2, "--concurrency", "2");
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(2, rerun.Output.Split('\n').Count(l => l.Contains(": skipped, already archived", StringComparison.Ordinal)));
        Assert.EndsWith("imported 0 of 2 files, 2 already archived", rerun.Output.Trim());
    }

    [Fact]
    public async Task A_killed_import_resumes_and_equals_an_uninterrupted_one()
    {
        var wav = await StereoWavAsync("long.wav", 300);
        var staging = Path.Combine(Archive, "staging", "long");

        var start = new ProcessStartInfo(RepoPaths.HarkScript) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = RepoPaths.Root };
        // One encoder and 30 chunks: the kill lands mid-import even on a busy machine.
        foreach (var arg in new[] { "import", wav, "--id", "long", "--chunk-seconds", "10", "--jobs", "1", "--archive", Archive })
        {
            start.ArgumentList.Add(arg);
        }
        using (var process = Process.Start(start)!)
        {
            // Kill it (SIGKILL, no chance to clean up) once two chunks are encoded, well before the commit.
            var deadline = DateTime.UtcNow.AddMinutes(5);
            int polls = 0;
            while (EncodedChunks(staging) < 2 && !process.HasExited && DateTime.UtcNow < deadline)
            {
                polls++;
                Thread.Sleep(20);
            }
            Assert.False(process.HasExited, $"the import finished before it could be interrupted ({polls} polls, {EncodedChunks(staging)} chunks seen)");
            await ProcessRunner.RunCheckedAsync("kill", "-KILL", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await process.WaitForExitAsync();
            Assert.NotEqual(0, process.ExitCode);
        }

        var list = await HarkAsync("ls", "--json");
        Assert.DoesNotContain("\"complete\"", list.Output);
        Assert.Contains("\"importing\"", list.Output);
        await AssertFailsAsync(1, "not readable: its state is importing", "segment", "long", "--start-sample", "0", "--count", "10", "-o", "-");

        var resumed = await HarkAsync("import", wav, "--id", "long", "--chunk-seconds", "10", "--jobs", "2");
        Assert.True(resumed.ExitCode == 0, resumed.StandardError);
        Assert.False(Directory.Exists(staging) && Directory.EnumerateFileSystemEntries(staging).Any());

        var clean = _dir.File("clean");
        Assert.Equal(0, (await ProcessRunner.HarkAsync("import", wav, "--id", "long", "--chunk-seconds", "10", "--archive", clean)).ExitCode);
        var resumedAdts = _dir.File("resumed.aac");
        var cleanAdts = _dir.File("clean.aac");
        Assert.Equal(0, (await HarkAsync("export", "long", "--format", "adts", "-o", resumedAdts)).ExitCode);
        Assert.Equal(0, (await ProcessRunner.HarkAsync("export", "long", "--format", "adts", "-o", cleanAdts, "--archive", clean)).ExitCode);
        Assert.Equal(await File.ReadAllBytesAsync(cleanAdts), await File.ReadAllBytesAsync(resumedAdts));
    }

    private static int EncodedChunks(string staging) =>
        Directory.Exists(staging)
            ? Directory.GetFiles(staging, "enc-*", SearchOption.AllDirectories).Length // staging/<id>/<token>/enc-n
            : 0;

    private async Task AssertFailsAsync(int exitCode, string message, params string[] args)
    {
        var result = await HarkAsync(args);
        Assert.True(exitCode == result.ExitCode, $"hark {string.Join(' ', args)}: exit {result.ExitCode}, stderr: {result.StandardError}");
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, line => line.Contains(message, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("   at ", result.StandardError);
        if (exitCode == 1)
        {
            Assert.Single(lines);
        }
    }
}
