using System.CommandLine;
using System.Globalization;

namespace Hark.Cli.Backend;

/// <summary>
/// --node URL: work through running nodes' HTTP API instead of a cluster of one on --archive. Repeat it, or give a
/// comma list, to name several nodes: a command moves to the next when one cannot be reached. One option object,
/// added to every recording command (and only to those, so elsewhere it is an unknown option).
/// </summary>
internal static class NodeOption
{
    /// <summary>How long a command rides out a recovering cluster (503 answers) unless HARK_CLUSTER_RECOVERY_SECONDS says.</summary>
    public static readonly TimeSpan DefaultRecovery = TimeSpan.FromSeconds(60);

    public const string RecoveryVariable = "HARK_CLUSTER_RECOVERY_SECONDS";

    /// <summary>The key sent to a node when --api-key gives none; the variable keeps it out of the process list.</summary>
    public const string ApiKeyVariable = "HARK_API_KEY";

    public static readonly Option<string[]> Option = new("--node")
    {
        Description = "A running node (http://host:port) to work through, instead of a cluster of one on --archive here; " +
                      "repeat it or give a comma list for several (the next is tried when one is unreachable).",
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<string?> ApiKey = new("--api-key")
    {
        Description = $"The key a node (--node) asks for: a read key, or a write key for imports, deletes and verify. " +
                      $"Default: ${ApiKeyVariable} (safer: a command line is visible to other users).",
    };

    /// <summary>--api-key, else HARK_API_KEY, else none (a node without keys needs none).</summary>
    public static string? ApiKeyFrom(ParseResult parse)
    {
        var key = parse.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
        return string.IsNullOrWhiteSpace(key) ? null : key.Trim();
    }

    /// <summary>The nodes the command line names, in order; null when it names none.</summary>
    public static IReadOnlyList<Uri>? From(ParseResult parse)
    {
        if (parse.GetValue(Option) is not { Length: > 0 } values)
        {
            return null;
        }
        var nodes = new List<Uri>();
        foreach (var text in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"--node must be an http:// or https:// address, not \"{text}\"");
            }
            nodes.Add(uri);
        }
        return nodes.Count > 0 ? nodes : throw new UsageException("--node names no node");
    }

    /// <summary>From HARK_CLUSTER_RECOVERY_SECONDS (0 gives up at the first 503), else one minute.</summary>
    public static TimeSpan Recovery()
    {
        var text = Environment.GetEnvironmentVariable(RecoveryVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultRecovery;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds)
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException($"{RecoveryVariable} must be a whole number of seconds, not \"{text}\"");
    }
}
