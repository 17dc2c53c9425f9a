using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hark.Node.Tests.Fixtures;
using Hark.Testing;

namespace Hark.Node.Tests.Cli;

/// <summary>
/// The children a serving node starts (ffprobe through FFMpegCore, ffmpeg through Hark's own launcher) hold none of
/// its secrets. Both tools are replaced (HARK_FFPROBE, HARK_FFMPEG) by scripts that write down the environment they
/// were given and then run the real tool, and the node imports a FLAC, which needs both.
/// </summary>
public sealed class ChildSecretsTests
{
    private const string Marker = "HARK_CHILD_SECRETS_MARKER";

    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["HARK_API_KEYS"] = "write:child-secret-api-keys",
        ["HARK_API_KEY"] = "child-secret-cli-key",
        // The archive is a folder: the connection string is there only to be kept from the children.
        ["HARK_AZURE_STORAGE_CONNECTION_STRING"] = "AccountName=child-secret-account;AccountKey=child-secret-storage-key",
    };

    [Fact]
    public async Task Ffprobe_and_ffmpeg_started_by_a_serving_node_inherit_none_of_its_secrets()
    {
        using var folder = new TempDirectory("hark-tool-environment");
        var tools = Directory.CreateDirectory(folder.File("tools")).FullName;
        var source = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 2, 44100), folder.File("field.flac"), "-c:a", "flac");
        var environment = new Dictionary<string, string>(Secrets)
        {
            ["HARK_FFPROBE"] = await RecordingWrapperAsync(tools, "ffprobe"),
            ["HARK_FFMPEG"] = await RecordingWrapperAsync(tools, "ffmpeg"),
            ["HARK_IMPORT_ROOTS"] = folder.Path,
            [Marker] = "inherited",
        };
        await using var serve = await ServeProcess.StartAsync(["--port", "0", "--archive", folder.File("archive")], environment);
        using var http = new HttpClient { BaseAddress = serve.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "child-secret-api-keys");

        var started = await http.PostAsJsonAsync("recordings", new { path = source, id = "field" });
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        await ImportPolling.WaitForCompleteAsync(http, "field");

        var records = Directory.GetFiles(tools, "*.env");
        Assert.Contains(records, r => Path.GetFileName(r).StartsWith("ffprobe-", StringComparison.Ordinal));
        Assert.Contains(records, r => Path.GetFileName(r).StartsWith("ffmpeg-", StringComparison.Ordinal));
        foreach (var record in records)
        {
            var lines = await File.ReadAllLinesAsync(record);
            Assert.Contains($"{Marker}=inherited", lines);
            Assert.DoesNotContain(lines, line => line.Contains("child-secret", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, line => Secrets.Keys.Any(name => line.StartsWith($"{name}=", StringComparison.Ordinal)));
        }
    }

    /// <summary>An executable named like the tool that writes its environment next to itself, then runs the real tool.</summary>
    private static async Task<string> RecordingWrapperAsync(string folder, string tool)
    {
        var real = (await ProcessRunner.RunCheckedAsync("sh", "-c", $"command -v {tool}")).Output.Trim();
        var wrapper = Path.Combine(folder, tool);
        await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nenv > \"{folder}/{tool}-$$.env\"\nexec \"{real}\" \"$@\"\n");
        await ProcessRunner.RunCheckedAsync("chmod", "+x", wrapper);
        return wrapper;
    }
}
