using System.Diagnostics;
using System.Text;

namespace Hark.Testing;

public sealed record ProcessResult(int ExitCode, byte[] StandardOutput, string StandardError)
{
    public string Output => Encoding.UTF8.GetString(StandardOutput);
}

/// <summary>Runs real programs (ffmpeg, ffprobe, flac, ./hark) from tests and captures what they print.</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string program, IEnumerable<string> arguments, string? workingDirectory = null,
        IDictionary<string, string>? environment = null, TimeSpan? timeout = null, byte[]? standardInput = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        using var output = new MemoryStream();
        var outputCopy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errorRead = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(standardInput);
            process.StandardInput.Close();
        }
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in time");
        }
        await outputCopy;
        return new ProcessResult(process.ExitCode, output.ToArray(), await errorRead);
    }

    /// <summary>Runs a program and fails with its stderr if it exits non-zero.</summary>
    public static async Task<ProcessResult> RunCheckedAsync(string program, params string[] arguments)
    {
        var result = await RunAsync(program, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.StandardError}");
        }
        return result;
    }

    /// <summary>Runs ./hark at the repository root.</summary>
    public static Task<ProcessResult> HarkAsync(params string[] arguments) => RunAsync(RepoPaths.HarkScript, arguments);
}
