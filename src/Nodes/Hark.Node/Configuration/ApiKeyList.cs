using Hark.Actors.Contracts;

namespace Hark.Node.Configuration;

/// <summary>
/// Reads HARK_API_KEYS: comma-separated <c>scope:key</c> entries (scope read or write), or <c>@FILE</c> naming a file of
/// such entries, one a line, blank lines and # comments allowed. A refusal names the variable and the entry's place,
/// never the entry: a malformed entry is often a key with a typo, and errors end up in logs.
/// </summary>
public static class ApiKeyList
{
    private const string Form = "scope:key (scope read or write)";

    public static IReadOnlyList<ApiKey> Parse(string text, string source)
    {
        text = text.Trim();
        return text.StartsWith('@') ? ParseFile(text[1..].Trim(), source) : ParseEntries(text.Split(','), source, "entry");
    }

    private static IReadOnlyList<ApiKey> ParseFile(string path, string source)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new NodeConfigurationException($"{source}: the key file {path} cannot be read ({e.GetType().Name})");
        }
        var entries = lines.Select(line => line.Trim()).Select(line => line.StartsWith('#') ? "" : line).ToArray();
        return ParseEntries(entries, $"{source}: {path}", "line", skipBlank: true);
    }

    /// <param name="place">What a position is called in a message: "entry" of the variable, "line" of a file.</param>
    private static IReadOnlyList<ApiKey> ParseEntries(IReadOnlyList<string> entries, string source, string place, bool skipBlank = false)
    {
        var keys = new List<ApiKey>();
        for (int i = 0; i < entries.Count; i++)
        {
            var entry = entries[i].Trim();
            if (entry.Length == 0 && skipBlank)
            {
                continue;
            }
            int colon = entry.IndexOf(':');
            var secret = colon < 0 ? "" : entry[(colon + 1)..];
            if (colon < 0 || !TryScope(entry[..colon], out var scope) || secret.Length == 0 || secret.Any(char.IsWhiteSpace))
            {
                throw new NodeConfigurationException($"{source}: {place} {i + 1} is not {Form}");
            }
            if (keys.Any(k => k.Secret == secret))
            {
                throw new NodeConfigurationException($"{source}: {place} {i + 1} repeats a key given before");
            }
            keys.Add(new ApiKey(scope, secret));
        }
        return keys.Count > 0 ? keys : throw new NodeConfigurationException($"{source}: no key given (expected {Form}, comma separated)");
    }

    private static bool TryScope(string text, out ApiScope scope)
    {
        (bool known, scope) = text.Trim().ToLowerInvariant() switch
        {
            "read" => (true, ApiScope.Read),
            "write" => (true, ApiScope.Write),
            _ => (false, ApiScope.Read),
        };
        return known;
    }
}
