using System.CommandLine;

namespace Hark.Cli;

internal static class GlobalOptions
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show details, and a stack trace on errors.",
        Recursive = true,
    };

    public static readonly Option<string> Archive = new("--archive")
    {
        Description = "Archive location: a directory, or az://container[/prefix]. Default: $HARK_ARCHIVE or ./archive.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HARK_ARCHIVE") is { Length: > 0 } env ? env : "./archive",
    };
}
