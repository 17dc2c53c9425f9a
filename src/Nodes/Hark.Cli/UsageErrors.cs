using System.CommandLine;
using System.CommandLine.Parsing;

namespace Hark.Cli;

/// <summary>
/// What is wrong with a command line, as one line: an unknown option, a missing or bad value. A command's own
/// arguments (FILE, ID) would take an unknown "--option" as a value, so a value that looks like an option is refused
/// here, before anything runs: `hark import x.wav --bogus` imports nothing.
/// </summary>
internal static class UsageErrors
{
    /// <summary>Null when the command line can run.</summary>
    public static string? Describe(ParseResult parsed, IReadOnlyList<string> args)
    {
        var command = parsed.CommandResult;
        var help = $"(see 'hark {CommandPath(command)} --help')";
        if ((OptionLike(parsed.UnmatchedTokens).FirstOrDefault() ?? OptionLikeArgument(command, args)) is { } option)
        {
            return $"unknown option '{option}' {help}";
        }
        if (parsed.Errors.Count > 0)
        {
            // Some messages list the allowed values one per line; the usage error stays one line.
            return $"{string.Join(' ', parsed.Errors[0].Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.')} {help}";
        }
        return null;
    }

    /// <summary>A token given to one of the command's own arguments that starts like an option ("-" alone is stdin/stdout).</summary>
    private static string? OptionLikeArgument(CommandResult command, IReadOnlyList<string> args)
    {
        // After "--" everything is an argument, whatever it looks like (a file named "-x.wav").
        if (args.Contains("--"))
        {
            return null;
        }
        return OptionLike(command.Children.OfType<ArgumentResult>().SelectMany(argument => argument.Tokens).Select(token => token.Value))
            .FirstOrDefault();
    }

    private static IEnumerable<string> OptionLike(IEnumerable<string> tokens) =>
        tokens.Where(token => token.Length > 1 && token[0] == '-');

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult { Parent: not null } named; result = named.Parent)
        {
            names.Insert(0, named.Command.Name);
        }
        return string.Join(' ', names);
    }
}
