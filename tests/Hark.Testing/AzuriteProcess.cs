using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Hark.Testing;

/// <summary>
/// A real Azurite blob service (tools/node, installed by scripts/setup.sh tests) on a free loopback port with its own
/// temporary data folder; stopped and removed on dispose.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account key (public, documented by Microsoft; not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly TempDirectory _data = new("hark-azurite");
    private Process? _process;
    private TaskCompletionSource? _closed;

    private AzuriteProcess()
    {
    }

    public int Port { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public static string Executable => Path.Combine(RepoPaths.Root, "tools", "node", "node_modules", ".bin", "azurite-blob");

    public static async Task<AzuriteProcess> StartAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: run scripts/setup.sh tests");
        }
        var azurite = new AzuriteProcess();
        for (int attempt = 0; ; attempt++)
        {
            azurite.Port = FreePorts.Next();
            if (await azurite.LaunchAsync())
            {
                return azurite;
            }
            azurite.Stop();
            if (attempt == 2)
            {
                await azurite.DisposeAsync();
                throw new InvalidOperationException("azurite did not start listening");
            }
        }
    }

    /// <summary>
    /// An outage: the service stops (SIGTERM, so it saves what it acknowledged, as a real store keeps acknowledged
    /// writes) and connections are refused until <see cref="RestartAsync"/>; its data stays.
    /// </summary>
    public async Task StopServiceAsync()
    {
        if (_process is { HasExited: false } process)
        {
            // Azurite closes its service and saves on SIGTERM, says so, and then lingers: end it once it has said so.
            _closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await ProcessRunner.RunAsync("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            await Task.WhenAny(_closed.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30)));
        }
        Stop();
    }

    /// <summary>The end of an outage: the service again, on the same port and the same data folder.</summary>
    public async Task RestartAsync()
    {
        if (!await LaunchAsync())
        {
            throw new InvalidOperationException($"azurite did not listen again on port {Port}");
        }
    }

    private async Task<bool> LaunchAsync()
    {
        var start = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     "--silent", "--skipApiVersionCheck", "--loose", "--location", _data.Path,
                     "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start azurite");
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("successfully closed", StringComparison.Ordinal) == true)
            {
                _closed?.TrySetResult();
            }
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        return await WaitForPortAsync(Port, _process);
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        _data.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>Up to 600 connection attempts 100 ms apart, or until the process dies.</summary>
    private static async Task<bool> WaitForPortAsync(int port, Process process)
    {
        for (int i = 0; i < 600 && !process.HasExited; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        return false;
    }
}
