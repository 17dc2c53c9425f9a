using System.Globalization;
using System.Text.Json;
using Hark.Actors.Contracts;

namespace Hark.Node.Configuration;

/// <summary>
/// Reads <see cref="NodeOptions"/>: the defaults, then a config/*.json file (comments allowed, snake_case keys as in
/// <see cref="NodeSettingNames"/>), then HARK_* environment variables, each layer winning over the one before.
/// Unknown keys and unusable values are errors that name their source, so a typo never starts a misconfigured node.
/// </summary>
public static class NodeOptionsReader
{
    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The file named by <paramref name="configFile"/> or else by HARK_CONFIG (if any), then the environment.</summary>
    public static NodeOptions Read(string? configFile, Func<string, string?> environment)
    {
        var options = new NodeOptions();
        var file = configFile ?? NonEmpty(environment(NodeSettingNames.ConfigFileVariable));
        if (file is not null)
        {
            options = ApplyFile(options, file);
        }
        return ApplyEnvironment(options, environment);
    }

    public static NodeOptions Read(string? configFile = null) => Read(configFile, Environment.GetEnvironmentVariable);

    public static NodeOptions ApplyFile(NodeOptions options, string path)
    {
        if (!File.Exists(path))
        {
            throw new NodeConfigurationException($"{path}: no such config file");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new NodeConfigurationException($"{path}: not valid JSON: {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new NodeConfigurationException($"{path}: the file must hold one JSON object");
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var setting = NodeSettingNames.All.FirstOrDefault(s => s.Key == property.Name)
                    ?? throw new NodeConfigurationException(
                        $"{path}: unknown key \"{property.Name}\" (known: {string.Join(", ", NodeSettingNames.All.Select(s => s.Key))})");
                options = Apply(options, setting, FileValue(property.Value, setting.ListSeparator), $"{path}: {setting.Key}");
            }
        }
        return options;
    }

    public static NodeOptions ApplyEnvironment(NodeOptions options, Func<string, string?> environment)
    {
        foreach (var setting in NodeSettingNames.All)
        {
            if (NonEmpty(environment(setting.Variable)) is { } value)
            {
                options = Apply(options, setting, value, setting.Variable);
            }
        }
        return options;
    }

    /// <summary>A file value as the text an environment variable would carry: lists become comma separated.</summary>
    private static string FileValue(JsonElement value, char separator) => value.ValueKind switch
    {
        JsonValueKind.Array => string.Join(separator, value.EnumerateArray().Select(item => FileValue(item, separator))),
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new NodeConfigurationException($"unsupported value {value.GetRawText()}"),
    };

    private static NodeOptions Apply(NodeOptions options, NodeSettingNames.Setting setting, string value, string source)
    {
        value = value.Trim();
        return setting.Key switch
        {
            "archive" => options with { Archive = value },
            "hostname" => options with { Hostname = value },
            "akka_port" => options with { AkkaPort = Port(value, source) },
            "http_port" => options with { HttpPort = Port(value, source) },
            "seeds" => options with { Seeds = Seeds(value, source) },
            "roles" => options with { Roles = Roles(value, source) },
            "import_workers" => options with { ImportWorkers = Positive(value, source) },
            "cluster_name" => options with { ClusterName = value },
            "max_segment_seconds" => options with { MaxSegmentSeconds = Positive(value, source) },
            "max_concurrent_reads" => options with { MaxConcurrentReads = Positive(value, source) },
            "downing_stable_after_seconds" => options with { DowningStableAfterSeconds = Positive(value, source) },
            "storage_outage_seconds" => options with { StorageOutageSeconds = Positive(value, source) },
            "tls_cert" => options with { TlsCertificate = value.Length > 0 ? Path.GetFullPath(value) : null },
            "api_keys" => options with { ApiKeys = ApiKeyList.Parse(value, source) },
            "insecure" => options with { Insecure = Flag(value, source) },
            "import_roots" => options with { ImportRoots = ImportRoots(value, source) },
            "import_containers" => options with { ImportContainers = Split(value) },
            _ => throw new InvalidOperationException($"setting {setting.Key} has no reader"),
        };
    }

    private static int Port(string text, string source) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= 65535
            ? port
            : throw new NodeConfigurationException($"{source}: \"{text}\" is not a port (0-65535, 0 = any free port)");

    private static int Positive(string text, string source) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new NodeConfigurationException($"{source}: \"{text}\" is not a positive whole number");

    private static bool Flag(string text, string source) => text.ToLowerInvariant() switch
    {
        "1" or "true" or "yes" => true,
        "0" or "false" or "no" => false,
        _ => throw new NodeConfigurationException($"{source}: \"{text}\" is not 1 or 0 (true or false)"),
    };

    /// <summary>Absolute folders; one need not exist yet (a volume mounted later), it only admits nothing until it does.</summary>
    private static List<string> ImportRoots(string text, string source)
    {
        var roots = text.Split(NodeSettingNames.ImportRoots.ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (roots.FirstOrDefault(root => !Path.IsPathFullyQualified(root)) is { } relative)
        {
            throw new NodeConfigurationException($"{source}: import root \"{relative}\" is not an absolute path");
        }
        return roots;
    }

    private static List<string> Seeds(string text, string source)
    {
        var seeds = Split(text);
        foreach (var seed in seeds)
        {
            int colon = seed.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(seed[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is 0 or > 65535)
            {
                throw new NodeConfigurationException($"{source}: seed \"{seed}\" is not host:port");
            }
        }
        return seeds;
    }

    private static List<string> Roles(string text, string source)
    {
        var roles = Split(text).Select(r => r.ToLowerInvariant()).Distinct().ToList();
        if (roles.Count == 0)
        {
            throw new NodeConfigurationException($"{source}: a node needs at least one role ({string.Join(", ", NodeSettingNames.KnownRoles)})");
        }
        if (roles.FirstOrDefault(r => !NodeSettingNames.KnownRoles.Contains(r)) is { } unknown)
        {
            throw new NodeConfigurationException($"{source}: unknown role \"{unknown}\" (use {string.Join(", ", NodeSettingNames.KnownRoles)})");
        }
        return roles;
    }

    private static List<string> Split(string text) =>
        [.. text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
