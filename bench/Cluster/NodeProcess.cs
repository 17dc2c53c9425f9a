using System.Diagnostics;
using System.Text.RegularExpressions;
using Hark.Testing;

namespace Hark.Bench.Cluster;

/// <summary>One <c>./hark serve</c> process; its address comes from the line it prints when it serves.</summary>
internal sealed partial class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private NodeProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <param name="importRoot">The folder the node may import from over HTTP (HARK_IMPORT_ROOTS).</param>
    public static async Task<NodeProcess> StartAsync(string importRoot, params string[] arguments)
    {
        var start = new ProcessStartInfo(RepoPaths.HarkScript) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        start.Environment["HARK_IMPORT_ROOTS"] = importRoot;
        start.ArgumentList.Add("serve");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (Serving().Match(line) is { Success: true } match)
            {
                _ = process.StandardOutput.ReadToEndAsync();
                return new NodeProcess(process, new Uri(match.Groups[1].Value));
            }
        }
        throw new InvalidOperationException("hark serve ended before it served");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await ProcessRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"serving (http://\S+)")]
    private static partial Regex Serving();
}
