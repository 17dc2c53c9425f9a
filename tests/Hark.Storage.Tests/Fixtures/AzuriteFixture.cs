using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using Hark.Storage.Blobs;
using Hark.Testing;

namespace Hark.Storage.Tests.Fixtures;

/// <summary>
/// A real Azurite blob service (tools/node, installed by scripts/setup.sh tests) on a free loopback port with its
/// own temporary data folder, started once for the test collection and stopped afterwards.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // Azurite's well-known development account (public, documented by Microsoft; not a secret).
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly TempDirectory _data = new("hark-azurite");
    private Process? _process;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var azurite = Path.Combine(RepoPaths.Root, "tools", "node", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"{azurite} is missing: run scripts/setup.sh tests");
        }
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            var start = new ProcessStartInfo(azurite)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[]
                     {
                         "--silent", "--skipApiVersionCheck", "--loose", "--location", _data.Path,
                         "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     })
            {
                start.ArgumentList.Add(argument);
            }
            _process = Process.Start(start) ?? throw new InvalidOperationException("could not start azurite");
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            if (await WaitForPortAsync(port, _process, TimeSpan.FromSeconds(60)))
            {
                ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
                                   $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
                return;
            }
            Stop();
            if (attempt == 2)
            {
                throw new InvalidOperationException("azurite did not start listening");
            }
        }
    }

    /// <summary>
    /// A store in a fresh container, so tests never see each other's blobs. Small listing pages make every listing
    /// of more than 50 keys follow continuation tokens, as listings of real archives do.
    /// </summary>
    public AzureBlobStore NewStore(string prefix = "") =>
        AzureBlobStore.Create(ConnectionString, $"t{Guid.NewGuid():N}", prefix, listPageSize: 50);

    public BlobServiceClient Service() => new(ConnectionString);

    public Task DisposeAsync()
    {
        Stop();
        _data.Dispose();
        return Task.CompletedTask;
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> WaitForPortAsync(int port, Process process, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit && !process.HasExited)
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

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
