using System.CommandLine;

namespace Hark.Cli;

/// <summary>Builds the command tree and maps parse errors to the usage exit code.</summary>
public static class HarkCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Hark: a cluster archive for very long audio recordings.");
        root.Options.Add(GlobalOptions.Verbose);
        root.Options.Add(GlobalOptions.Archive);
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        var parsed = root.Parse(args);
        if (UsageErrors.Describe(parsed, args) is { } error)
        {
            Console.Error.WriteLine($"hark: {error}");
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync();
    }
}
