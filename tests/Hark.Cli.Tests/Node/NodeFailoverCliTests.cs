using Hark.Testing;

namespace Hark.Cli.Tests.Node;

/// <summary>
/// The CLI with several nodes and a recovering cluster: a node that cannot be reached is passed over for the next,
/// and 503 answers are asked again for a bounded, documented time before the command gives up with the node's reason.
/// </summary>
public sealed class NodeFailoverCliTests(ServedArchive served) : IClassFixture<ServedArchive>
{
    private static string Dead => $"http://127.0.0.1:{FreePorts.Next()}/";

    [Fact]
    public async Task An_unreachable_node_is_passed_over_for_the_next_one_named()
    {
        var here = await served.HereAsync("ls", "--json");
        var commaList = await ProcessRunner.HarkAsync("ls", "--json", "--node", $"{Dead},{served.Node}");
        var repeated = await ProcessRunner.HarkAsync("info", "field", "--json", "--node", Dead, "--node", served.Node);

        Assert.True(commaList.ExitCode == 0, commaList.StandardError);
        Assert.Equal(here.Output, commaList.Output);
        Assert.True(repeated.ExitCode == 0, repeated.StandardError);
        Assert.Equal((await served.HereAsync("info", "field", "--json")).Output, repeated.Output);
    }

    [Fact]
    public async Task When_no_node_is_reachable_the_command_says_so_in_one_line()
    {
        var result = await ProcessRunner.HarkAsync("ls", "--node", $"{Dead},{Dead}");
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("hark: no node is reachable: ", line);
    }

    [Fact]
    public async Task A_recovering_cluster_is_waited_for_within_the_recovery_time_then_its_reason_is_the_error()
    {
        // A node whose cluster has no importer answers 503 to an import: what a client sees while members recover.
        using var folder = new TempDirectory("hark-recovering");
        await using var apiOnly = await ServeProcess.StartAsync(["--port", "0", "--archive", folder.File("archive"), "--roles", "api"],
            new Dictionary<string, string> { ["HARK_IMPORT_ROOTS"] = Path.GetDirectoryName(served.Stereo)! });
        var result = await ProcessRunner.RunAsync(RepoPaths.HarkScript, ["import", served.Stereo, "--id", "waits", "--node", apiOnly.Address.ToString()],
            environment: new Dictionary<string, string> { ["HARK_CLUSTER_RECOVERY_SECONDS"] = "3" });

        Assert.Equal(1, result.ExitCode);
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("hark: cluster recovering", lines[0]);
        Assert.Contains("retrying for up to 3 s", lines[0]);
        Assert.Equal("hark: no node with the importer role is up", lines[1]);
    }
}
