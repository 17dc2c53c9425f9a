using System.CommandLine;

namespace Hark.Cli;

/// <summary>
/// Wraps a command body so that every failure becomes one line on stderr and exit code 1
/// (a stack trace only with --verbose), and Ctrl+C a clean stop.
/// </summary>
internal static class CliAction
{
    public static void Bind(Command command, Func<ParseResult, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await body(parseResult, cancellationToken);
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine($"hark: {e.Message}");
                return ExitCodes.Usage;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine("hark: cancelled");
                return ExitCodes.Failure;
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"hark: {OneLine(e.Message)}");
                if (parseResult.GetValue(GlobalOptions.Verbose))
                {
                    Console.Error.WriteLine(e);
                }
                return ExitCodes.Failure;
            }
        });
    }

    internal static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}

/// <summary>A command line that parses but makes no sense (conflicting or out-of-range options).</summary>
internal sealed class UsageException(string message) : Exception(message);
