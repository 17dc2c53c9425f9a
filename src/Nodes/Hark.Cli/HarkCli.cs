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
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"hark: {error.Message}");
            }
            Console.Error.WriteLine("hark: see 'hark --help'");
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync();
    }
}
