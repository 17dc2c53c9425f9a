using System.CommandLine;

namespace Hark.Cli.Remote;

/// <summary>The --node option: work through a running node's HTTP API instead of opening the archive here.</summary>
internal static class RemoteNode
{
    public static Option<string?> Create() => new("--node")
    {
        Description = "A running node (http://host:port) to work through, instead of opening --archive here.",
    };

    /// <summary>A client for the node the command line names; null when it names none.</summary>
    public static NodeClient? From(ParseResult parse, Option<string?> option)
    {
        if (parse.GetValue(option) is not { } text)
        {
            return null;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--node must be an http:// or https:// address, not \"{text}\"");
        }
        return new NodeClient(uri);
    }
}
