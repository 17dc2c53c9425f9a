using Hark.Testing;

namespace Hark.Cli.Tests.Node;

/// <summary>
/// The CLI against a node with API keys: --api-key or HARK_API_KEY gets through; a missing, unknown or too weak key
/// is one line saying which key is needed and where to give it, and exit 1.
/// </summary>
public sealed class ApiKeyCliTests(KeyedServe node) : IClassFixture<KeyedServe>
{
    private const string Where = "(--api-key or HARK_API_KEY)";

    [Fact]
    public async Task The_option_and_the_variable_both_carry_the_key()
    {
        var byOption = await ProcessRunner.HarkAsync("ls", "--node", node.Node, "--api-key", KeyedServe.ReadKey);
        var byVariable = await node.WithKeyVariableAsync(KeyedServe.ReadKey, "info", "field", "--node", node.Node);
        var writes = await node.WithKeyVariableAsync(KeyedServe.WriteKey, "verify", "field", "--node", node.Node);

        Assert.True(byOption.ExitCode == 0, byOption.StandardError);
        Assert.Contains("field", byOption.Output);
        Assert.True(byVariable.ExitCode == 0, byVariable.StandardError);
        Assert.Contains("44100", byVariable.Output);
        Assert.True(writes.ExitCode == 0, writes.StandardError);
    }

    [Fact]
    public async Task The_option_wins_over_the_variable()
    {
        var result = await node.WithKeyVariableAsync("not-a-key", "ls", "--node", node.Node, "--api-key", KeyedServe.ReadKey);
        Assert.True(result.ExitCode == 0, result.StandardError);
    }

    [Fact]
    public async Task Without_a_key_the_command_says_which_key_in_one_line()
    {
        AssertRefused(await node.WithKeyVariableAsync(null, "ls", "--node", node.Node),
            $"hark: the node refused the request: a read key is needed {Where}");
    }

    [Fact]
    public async Task An_unknown_key_is_one_line()
    {
        AssertRefused(await ProcessRunner.HarkAsync("info", "field", "--node", node.Node, "--api-key", "guess"),
            $"hark: the node refused the request: it does not accept this API key {Where}");
    }

    [Fact]
    public async Task A_read_key_that_would_change_the_archive_is_one_line()
    {
        var expected = $"hark: the node refused the request: a write key is needed {Where}";
        AssertRefused(await node.WithKeyVariableAsync(KeyedServe.ReadKey, "rm", "field", "--node", node.Node), expected);
        AssertRefused(await node.WithKeyVariableAsync(KeyedServe.ReadKey, "import", node.Source, "--id", "again", "--node", node.Node), expected);
        // Still there.
        Assert.Equal(0, (await node.WithKeyVariableAsync(KeyedServe.ReadKey, "info", "field", "--node", node.Node)).ExitCode);
    }

    [Fact]
    public async Task A_source_outside_the_import_roots_is_uploaded_and_one_the_cli_cannot_read_either_is_one_line()
    {
        using var elsewhere = new TempDirectory("hark-cli-outside");
        var outside = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 1, 44100), elsewhere.File("outside.wav"), "-c:a", "pcm_s16le");
        var uploaded = await ProcessRunner.HarkAsync("import", outside, "--node", node.Node, "--api-key", KeyedServe.WriteKey);
        Assert.True(uploaded.ExitCode == 0, uploaded.StandardError);
        Assert.Contains("is not inside the node's import roots (HARK_IMPORT_ROOTS)): uploading it", uploaded.StandardError);
        Assert.StartsWith("outside: ", uploaded.Output);

        var result = await ProcessRunner.HarkAsync("import", elsewhere.File("only-on-the-node.wav"), "--node", node.Node, "--api-key", KeyedServe.WriteKey);
        AssertRefused(result, "hark: the node refused the request: \"path\" is not inside the node's import roots (HARK_IMPORT_ROOTS)");
    }

    private static void AssertRefused(ProcessResult result, string line)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(line, Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(result.Output);
    }
}
