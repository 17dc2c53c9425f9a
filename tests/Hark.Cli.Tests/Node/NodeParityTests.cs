using Hark.Testing;

namespace Hark.Cli.Tests.Node;

/// <summary>
/// Every recording command prints the same through a running node (--node) as here on the node's archive: the same
/// stdout byte for byte, the same exit code and the same error line. Both ways talk to one front door.
/// </summary>
public sealed class NodeParityTests(ServedArchive served) : IClassFixture<ServedArchive>
{
    public static TheoryData<string[]> Commands() => new()
    {
        new[] { "ls" },
        new[] { "ls", "--json" },
        new[] { "info", "field" },
        new[] { "info", "field", "--json" },
        new[] { "info", "lossless", "--json" },
        new[] { "verify", "field" },
        new[] { "verify", "field", "--json" },
        new[] { "segment", "field", "--start-sample", "12345", "--count", "4410", "--format", "f32", "-o", "-" },
        new[] { "segment", "field", "--start", "00:00:01.500", "--duration", "0.5", "-o", "-" },
        new[] { "segment", "lossless", "--start-sample", "0", "--count", "44100", "--format", "s16", "-o", "-" },
        new[] { "export", "field", "--format", "adts", "-o", "-" },
        new[] { "export", "field", "--format", "adts", "--from", "1.5", "--to", "3", "-o", "-" },
        new[] { "export", "field", "--format", "wav", "--from", "0.25", "-o", "-" },
        new[] { "export", "lossless", "--format", "wav", "-o", "-" },
        // Refused requests: the same exit code and the same one line.
        new[] { "info", "nope" },
        new[] { "verify", "nope" },
        new[] { "rm", "nope" },
        new[] { "segment", "nope", "--start-sample", "0", "--count", "10", "-o", "-" },
        new[] { "segment", "field", "--start-sample", "176000", "--count", "1000", "-o", "-" },
        new[] { "segment", "field", "--start-sample", "-5", "--count", "10", "-o", "-" },
        new[] { "segment", "field", "--start-sample", "0", "--count", "0", "-o", "-" },
        new[] { "export", "field", "--format", "wav", "--from", "3", "--to", "9", "-o", "-" },
        new[] { "export", "lossless", "--format", "adts", "-o", "-" },
        new[] { "export", "nope", "--format", "adts", "-o", "-" },
        new[] { "bench", "segments", "nope", "--count", "3" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_command_prints_the_same_through_the_node(string[] command)
    {
        var here = await served.HereAsync(command);
        var throughNode = await served.ThroughNodeAsync(command);

        Assert.True(here.ExitCode == throughNode.ExitCode,
            $"exit {here.ExitCode} here ({here.StandardError.Trim()}), {throughNode.ExitCode} through the node ({throughNode.StandardError.Trim()})");
        Assert.Equal(here.StandardError, throughNode.StandardError);
        Assert.Equal(here.StandardOutput, throughNode.StandardOutput);
        if (here.ExitCode != 0)
        {
            Assert.Single(here.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Empty(here.StandardOutput);
        }
        else
        {
            Assert.NotEmpty(here.StandardOutput);
        }
    }

    [Fact]
    public async Task Import_prints_the_same_summary_and_the_same_refusals()
    {
        var here = await served.HereAsync("import", served.Stereo, "--id", "copy-here", "--chunk-seconds", "1");
        var throughNode = await served.ThroughNodeAsync("import", served.Stereo, "--id", "copy-node", "--chunk-seconds", "1");
        Assert.True(here.ExitCode == 0, here.StandardError);
        Assert.True(throughNode.ExitCode == 0, throughNode.StandardError);
        Assert.StartsWith("copy-here: 00:04.000 (176400 samples, 44100 Hz, 2 ch), aac ", here.Output);
        Assert.Equal(here.Output.Replace("copy-here", "copy-node", StringComparison.Ordinal), throughNode.Output);

        // The same two imports again are refused the same way; so is a file that is not there.
        await AssertSameRefusalAsync(["import", served.Stereo, "--id", "field"], "already exists");
        await AssertSameRefusalAsync(["import", served.File("absent.wav")], "no such file");
        await AssertSameRefusalAsync(["import", served.Stereo, "--id", "../up"], "invalid recording id");
    }

    [Fact]
    public async Task Rm_prints_the_same_and_both_ways_delete()
    {
        foreach (var id in new[] { "doomed-here", "doomed-node" })
        {
            Assert.Equal(0, (await served.ThroughNodeAsync("import", served.Stereo, "--id", id)).ExitCode);
        }
        var here = await served.HereAsync("rm", "doomed-here");
        var throughNode = await served.ThroughNodeAsync("rm", "doomed-node");

        Assert.Equal((0, "doomed-here: deleted\n"), (here.ExitCode, here.Output));
        Assert.Equal((0, "doomed-node: deleted\n"), (throughNode.ExitCode, throughNode.Output));
        Assert.Equal(here.StandardError, throughNode.StandardError);
        var listed = (await served.HereAsync("ls")).Output;
        Assert.DoesNotContain("doomed", listed);
        Assert.False(Directory.Exists(Path.Combine(served.Archive, "recordings", "doomed-here")));
        Assert.False(Directory.Exists(Path.Combine(served.Archive, "recordings", "doomed-node")));
    }

    [Fact]
    public async Task Bench_measures_both_ways()
    {
        foreach (var result in new[] { await served.HereAsync("bench", "segments", "field", "--count", "5"),
                     await served.ThroughNodeAsync("bench", "segments", "field", "--count", "5") })
        {
            Assert.True(result.ExitCode == 0, result.StandardError);
            Assert.StartsWith("5 reads of 1.000 s from field: p50 ", result.Output);
        }
    }

    private async Task AssertSameRefusalAsync(string[] command, string message)
    {
        var here = await served.HereAsync(command);
        var throughNode = await served.ThroughNodeAsync(command);
        Assert.Equal(1, here.ExitCode);
        Assert.Equal(1, throughNode.ExitCode);
        Assert.Contains(message, here.StandardError, StringComparison.Ordinal);
        Assert.Equal(here.StandardError, throughNode.StandardError);
        Assert.Single(here.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
