using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Hark.Testing;

/// <summary>
/// <c>./hark serve ...</c> as a real process: waits for the line with its address, and stops it with SIGTERM the
/// way a container runtime would, keeping its exit code and output.
/// </summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(Process process) => _process = process;

    public Uri Address { get; private set; } = null!;

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public string Errors { get { lock (_errors) { return _errors.ToString(); } } }

    public static async Task<ServeProcess> StartAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(RepoPaths.HarkScript)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add("serve");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var serve = new ServeProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start ./hark serve"));
        serve._process.OutputDataReceived += (_, e) => serve.OnOutput(e.Data);
        serve._process.ErrorDataReceived += (_, e) =>
        {
            lock (serve._errors)
            {
                serve._errors.AppendLine(e.Data);
            }
        };
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        var exited = serve._process.WaitForExitAsync();
        // A first run may build the CLI; the bound keeps a broken node from hanging the suite.
        var first = await Task.WhenAny(serve._address.Task, exited, Task.Delay(TimeSpan.FromMinutes(5)));
        if (first != serve._address.Task)
        {
            await serve.DisposeAsync();
            throw new InvalidOperationException($"./hark serve did not report its address: {serve.Output} {serve.Errors}");
        }
        serve.Address = await serve._address.Task;
        return serve;
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
        if (ServingLine().Match(line) is { Success: true } match)
        {
            _address.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    /// <summary>Sends SIGTERM and waits for the exit; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (_process.HasExited)
        {
            return _process.ExitCode;
        }
        await ProcessRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await _process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return -1;
        }
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the node dies mid-work with no chance to leave the cluster or clean up.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            await ProcessRunner.RunAsync("kill", ["-KILL", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    [GeneratedRegex(@"serving (http://\S+)")]
    private static partial Regex ServingLine();
}
