using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Engine.Segments;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Node.Tests.Cli;

/// <summary><c>hark serve</c> as a process, and the CLI's --node mode working through it.</summary>
public sealed class ServeProcessTests
{
    [Fact]
    public async Task Serve_answers_and_the_cli_imports_and_reads_through_it()
    {
        using var folder = new TempDirectory("hark-serve");
        var archive = folder.File("archive");
        var source = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 3, 44100), folder.File("talk.wav"), "-c:a", "pcm_s16le");
        await using var serve = await ServeProcess.StartAsync(["--port", "0", "--archive", archive], ImportRoot(folder));
        var node = serve.Address.ToString().TrimEnd('/');
        using var http = new HttpClient { BaseAddress = serve.Address };

        var health = await http.GetFromJsonAsync<JsonElement>("healthz");
        Assert.Equal("up", health.GetProperty("status").GetString());

        var import = await ProcessRunner.HarkAsync("import", source, "--id", "talk", "--chunk-seconds", "1", "--node", node);
        Assert.True(import.ExitCode == 0, import.StandardError);
        Assert.Contains("talk: 00:03.000 (132300 samples, 44100 Hz, 2 ch), aac", import.Output);

        var list = await ProcessRunner.HarkAsync("ls", "--json", "--node", node);
        Assert.Equal(0, list.ExitCode);
        var rows = JsonDocument.Parse(list.Output).RootElement;
        Assert.Equal("talk", rows[0].GetProperty("id").GetString());
        Assert.Equal("complete", rows[0].GetProperty("state").GetString());

        var info = await ProcessRunner.HarkAsync("info", "talk", "--json", "--node", node);
        Assert.Equal(0, info.ExitCode);
        Assert.Equal(132300, JsonDocument.Parse(info.Output).RootElement.GetProperty("total_samples").GetInt64());

        var output = folder.File("part.wav");
        var segment = await ProcessRunner.HarkAsync("segment", "talk", "--start-sample", "1000", "--count", "22050", "-o", output, "--node", node);
        Assert.True(segment.ExitCode == 0, segment.StandardError);
        var expected = new MemoryStream();
        await new SegmentReader(new RecordingCache(ArchiveStore.Open(archive)))
            .ReadSegmentAsync("talk", 1000, 22050, SegmentFormat.Wav, expected, CancellationToken.None);
        Assert.Equal(expected.ToArray(), await File.ReadAllBytesAsync(output));

        var byTime = await ProcessRunner.HarkAsync("segment", "talk", "--start", "1.5", "--duration", "0.5", "--format", "f32", "-o", "-", "--node", node);
        Assert.Equal(0, byTime.ExitCode);
        Assert.Equal(22050 * 2 * 4, byTime.StandardOutput.Length);

        Assert.Equal(0, await serve.StopAsync());
        Assert.Contains("node stopped", serve.Output);
    }

    [Fact]
    public async Task Node_errors_are_one_line_and_exit_1()
    {
        using var folder = new TempDirectory("hark-serve");
        await using var serve = await ServeProcess.StartAsync(["--port", "0", "--archive", folder.File("archive")], ImportRoot(folder));
        var node = serve.Address.ToString();

        var missing = await ProcessRunner.HarkAsync("segment", "absent", "--start-sample", "0", "--count", "10", "-o", folder.File("x.wav"), "--node", node);
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("hark: recording absent not found", missing.StandardError.Trim());

        var noFile = await ProcessRunner.HarkAsync("import", folder.File("none.wav"), "--node", node);
        Assert.Equal(1, noFile.ExitCode);
        Assert.Single(noFile.StandardError.Trim().Split('\n'));
        Assert.Contains("none.wav", noFile.StandardError);

        var unreachable = await ProcessRunner.HarkAsync("ls", "--node", "http://127.0.0.1:1");
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains("unreachable", unreachable.StandardError);

        var badAddress = await ProcessRunner.HarkAsync("ls", "--node", "ftp://x");
        Assert.Equal(2, badAddress.ExitCode);
    }

    [Fact]
    public async Task Serve_reads_HARK_variables_and_options_win_over_them()
    {
        using var folder = new TempDirectory("hark-serve");
        var environment = new Dictionary<string, string>
        {
            ["HARK_ARCHIVE"] = folder.File("from-env"),
            ["HARK_HTTP_PORT"] = "1",
            ["HARK_HOSTNAME"] = "127.0.0.1",
            ["HARK_ROLES"] = "api,reader",
        };
        await using var serve = await ServeProcess.StartAsync(["--port", "0"], environment);
        Assert.Contains($"archive {folder.File("from-env")}", serve.Output);
        Assert.Contains("roles api,reader", serve.Output);
        using var http = new HttpClient { BaseAddress = serve.Address };
        // Ready once the cluster of one is up and the read path is warm, a moment after the address is printed.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        HttpStatusCode status;
        while ((status = (await http.GetAsync("readyz", timeout.Token)).StatusCode) == HttpStatusCode.ServiceUnavailable)
        {
            await Task.Delay(20, timeout.Token);
        }
        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>HTTP imports read only inside the node's import roots: here, the test's own folder.</summary>
    private static Dictionary<string, string> ImportRoot(TempDirectory folder) => new() { ["HARK_IMPORT_ROOTS"] = folder.Path };

    [Fact]
    public async Task Serve_refuses_an_unusable_variable()
    {
        var result = await ProcessRunner.RunAsync(RepoPaths.HarkScript, ["serve", "--port", "0"],
            environment: new Dictionary<string, string> { ["HARK_ROLES"] = "api,writer" });
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("HARK_ROLES: unknown role \"writer\"", result.StandardError);
    }
}
