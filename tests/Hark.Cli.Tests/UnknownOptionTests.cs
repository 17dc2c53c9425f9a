using Hark.Testing;

namespace Hark.Cli.Tests;

/// <summary>An option a command does not have is a usage error (exit 2, one line naming it) before anything runs.</summary>
public sealed class UnknownOptionTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-cli-options");
    private string Archive => _dir.File("archive");

    public void Dispose() => _dir.Dispose();

    /// <summary>The command's name as its help hint spells it, and a command line with an option it does not have.</summary>
    public static TheoryData<string, string[]> Commands() => new()
    {
        { "import", ["import", "{wav}", "--bogus"] },
        { "import", ["import", "--bogus", "{wav}"] },
        { "import", ["import", "{wav}", "--id", "x", "--bogus"] },
        { "segment", ["segment", "x", "--start-sample", "0", "--count", "10", "-o", "-", "--bogus"] },
        { "ls", ["ls", "--bogus"] },
        { "info", ["info", "--bogus"] },
        { "info", ["info", "x", "--bogus"] },
        { "export", ["export", "x", "--format", "wav", "-o", "-", "--bogus"] },
        { "verify", ["verify", "x", "--bogus"] },
        { "rm", ["rm", "--bogus"] },
        { "bench segments", ["bench", "segments", "x", "--bogus"] },
        // --node belongs to the recording commands only.
        { "demo", ["demo", "--node", "http://127.0.0.1:1"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task An_unknown_option_is_a_usage_error_and_nothing_runs(string name, string[] command)
    {
        var wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 1, 16000), _dir.File("x.wav"), "-c:a", "pcm_s16le");
        var args = command.Select(a => a == "{wav}" ? wav : a).ToArray();
        var option = args.First(a => a is "--bogus" or "--node");

        var result = await ProcessRunner.HarkAsync([.. args, "--archive", Archive]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"hark: unknown option '{option}' (see 'hark {name} --help')", line);
        Assert.Empty(result.StandardOutput);
        // Not even the archive was touched: nothing was imported, no cluster started on it.
        Assert.False(Directory.Exists(Archive));
    }
}
