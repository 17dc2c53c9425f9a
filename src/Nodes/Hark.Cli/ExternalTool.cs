using System.Diagnostics;

namespace Hark.Cli;

/// <summary>Runs an external program (ffmpeg, ...) and turns a failure into one clear message.</summary>
internal static class ExternalTool
{
    public static async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Hark.Media.Tools.ChildEnvironment.Scrub(start);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{program} is not installed (run scripts/setup.sh)");
        }
        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                var message = (await errors).Trim().Split('\n').LastOrDefault() ?? "";
                throw new InvalidOperationException($"{program} failed (exit {process.ExitCode}): {message}");
            }
        }
    }
}
