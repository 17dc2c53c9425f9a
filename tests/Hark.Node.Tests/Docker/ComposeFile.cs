namespace Hark.Node.Tests.Docker;

/// <summary>
/// Reads what the tests need from a docker-compose file: each service's <c>environment:</c> map. A small subset of
/// YAML, enough for the file this repository ships: block mappings by indentation, <c>KEY: value</c> or
/// <c>- KEY=value</c> entries, plain or quoted scalars, # comments. Anything else in an environment block fails loudly.
/// </summary>
public static class ComposeFile
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ReadEnvironments(string path)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(path).Select((text, number) => (Text: StripComment(text), Number: number + 1))
            .Where(l => l.Text.Trim().Length > 0).ToList();
        int servicesAt = lines.FindIndex(l => l.Text == "services:");
        if (servicesAt < 0)
        {
            throw new FormatException($"{path}: no top-level services:");
        }
        int? serviceIndent = null;
        string? service = null;
        for (int i = servicesAt + 1; i < lines.Count && Indent(lines[i].Text) > 0; i++)
        {
            var (text, number) = lines[i];
            int indent = Indent(text);
            serviceIndent ??= indent;
            if (indent == serviceIndent)
            {
                service = Key(text.Trim(), path, number);
                continue;
            }
            if (service is not null && text.Trim() == "environment:")
            {
                var environment = new Dictionary<string, string>(StringComparer.Ordinal);
                for (; i + 1 < lines.Count && Indent(lines[i + 1].Text) > indent; i++)
                {
                    var (entry, entryNumber) = lines[i + 1];
                    var (name, value) = Entry(entry.Trim(), path, entryNumber);
                    environment[name] = value;
                }
                result[service] = environment;
            }
        }
        return result;
    }

    private static (string Name, string Value) Entry(string entry, string path, int number)
    {
        if (entry.StartsWith("- ", StringComparison.Ordinal))
        {
            var item = Unquote(entry[2..].Trim());
            int equals = item.IndexOf('=');
            return equals > 0 ? (item[..equals], item[(equals + 1)..]) : throw new FormatException($"{path}:{number}: expected - NAME=value");
        }
        int colon = entry.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new FormatException($"{path}:{number}: expected NAME: value");
        }
        return (entry[..colon], Unquote(entry[(colon + 2)..].Trim()));
    }

    private static string Key(string text, string path, int number) =>
        text.EndsWith(':') ? text[..^1] : throw new FormatException($"{path}:{number}: expected a service name");

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    /// <summary>A # starts a comment only at the start or after a space, and not inside quotes.</summary>
    private static string StripComment(string line)
    {
        char? quote = null;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quote is null && (c == '"' || c == '\''))
            {
                quote = c;
            }
            else if (c == quote)
            {
                quote = null;
            }
            else if (quote is null && c == '#' && (i == 0 || line[i - 1] == ' '))
            {
                return line[..i].TrimEnd();
            }
        }
        return line.TrimEnd();
    }
}
