using System.Net;
using System.Net.Http.Headers;
using Hark.Testing;

namespace Hark.Node.Tests.Cli;

/// <summary>
/// <c>hark serve</c> as a process: where it listens and what it says about it, what it refuses to start with, and
/// keys read from a file.
/// </summary>
public sealed class SecureServeTests
{
    [Fact]
    public async Task Without_keys_the_node_says_it_listens_on_loopback_only()
    {
        using var folder = new TempDirectory("hark-secure");
        await using var serve = await ServeProcess.StartAsync(["--port", "0", "--archive", folder.File("archive")]);
        Assert.Contains("hark: no API keys: the HTTP API listens on loopback only", serve.Output);
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(serve.Address.Host)));
    }

    [Fact]
    public async Task A_network_name_without_keys_is_refused_at_start()
    {
        using var folder = new TempDirectory("hark-secure");
        var result = await ProcessRunner.HarkAsync("serve", "--port", "0", "--hostname", "node7", "--archive", folder.File("archive"));
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("hark: HARK_HOSTNAME \"node7\" serves the HTTP API on every interface, and no API keys are set", line);
        Assert.Contains("--insecure", line);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Insecure_serves_every_interface_and_says_so()
    {
        using var folder = new TempDirectory("hark-secure");
        await using var serve = await ServeProcess.StartAsync(
            ["--port", "0", "--hostname", "0.0.0.0", "--archive", folder.File("archive")],
            new Dictionary<string, string> { ["HARK_INSECURE"] = "1" });
        Assert.Contains("hark: INSECURE: no API keys, and the HTTP API listens on every interface", serve.Output);
    }

    [Fact]
    public async Task A_malformed_key_stops_the_node_naming_the_variable_and_not_the_key()
    {
        using var folder = new TempDirectory("hark-secure");
        var result = await ProcessRunner.RunAsync(RepoPaths.HarkScript, ["serve", "--port", "0", "--archive", folder.File("archive")],
            environment: new Dictionary<string, string> { ["HARK_API_KEYS"] = "write:s3cret-good,writer:s3cret-typo" });
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("hark: HARK_API_KEYS: entry 2 is not scope:key (scope read or write)", result.StandardError.Trim());
        Assert.DoesNotContain("s3cret", result.StandardError + result.Output);
    }

    [Fact]
    public async Task Keys_from_a_file_are_the_keys_the_node_wants()
    {
        using var folder = new TempDirectory("hark-secure");
        var keys = folder.File("keys");
        await File.WriteAllTextAsync(keys, "# who may do what\nwrite:file-writer\n\nread:file-reader\n");
        await using var serve = await ServeProcess.StartAsync(["--port", "0", "--archive", folder.File("archive")],
            new Dictionary<string, string> { ["HARK_API_KEYS"] = $"@{keys}" });
        Assert.Contains("needs an API key", serve.Output);
        using var http = new HttpClient { BaseAddress = serve.Address };

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("recordings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "file-reader");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("recordings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.DeleteAsync("recordings/any")).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "file-writer");
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync("recordings/any")).StatusCode);
    }
}
