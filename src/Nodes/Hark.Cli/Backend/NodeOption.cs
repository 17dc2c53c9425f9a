using System.CommandLine;

namespace Hark.Cli.Backend;

/// <summary>
/// --node URL: work through a running node's HTTP API instead of a cluster of one on --archive. One option object,
/// added to every recording command (and only to those, so elsewhere it is an unknown option).
/// </summary>
internal static class NodeOption
{
    public static readonly Option<string?> Option = new("--node")
    {
        Description = "A running node (http://host:port) to work through, instead of a cluster of one on --archive here.",
    };

    /// <summary>The node the command line names; null when it names none.</summary>
    public static Uri? From(ParseResult parse)
    {
        if (parse.GetValue(Option) is not { } text)
        {
            return null;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--node must be an http:// or https:// address, not \"{text}\"");
        }
        return uri;
    }
}
