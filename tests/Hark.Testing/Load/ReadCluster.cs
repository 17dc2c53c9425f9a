using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hark.Testing.Load;

/// <summary>
/// Three <c>hark serve</c> processes on loopback over one archive folder, every one with every role, so clients can
/// spread their reads over all of them and each decodes the reads it is asked for itself.
/// </summary>
public sealed class ReadCluster : IAsyncDisposable
{
    private readonly List<ServeProcess> _nodes = [];

    private ReadCluster(string archive) => ArchivePath = archive;

    public string ArchivePath { get; }

    /// <summary>One client per node.</summary>
    public List<HttpClient> Clients { get; } = [];

    /// <param name="importRoot">The folder of every file imported over HTTP (HARK_IMPORT_ROOTS).</param>
    /// <param name="maxConcurrentReads">HARK_MAX_CONCURRENT_READS; null = the node's default.</param>
    public static async Task<ReadCluster> StartAsync(string archive, string importRoot, int? maxConcurrentReads = null)
    {
        var cluster = new ReadCluster(archive);
        var environment = new Dictionary<string, string> { ["HARK_IMPORT_ROOTS"] = importRoot, ["HARK_IMPORT_WORKERS"] = "1" };
        if (maxConcurrentReads is { } limit)
        {
            environment["HARK_MAX_CONCURRENT_READS"] = limit.ToString(CultureInfo.InvariantCulture);
        }
        string seed = $"127.0.0.1:{FreePorts.Next()}";
        try
        {
            for (int i = 0; i < 3; i++)
            {
                string akkaPort = i == 0 ? seed.Split(':')[1] : FreePorts.Next().ToString(CultureInfo.InvariantCulture);
                var node = await ServeProcess.StartAsync(["--port", "0", "--akka-port", akkaPort, "--seed", seed, "--archive", archive], environment);
                cluster._nodes.Add(node);
                cluster.Clients.Add(new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromMinutes(5) });
            }
            foreach (var client in cluster.Clients)
            {
                await ClusterReadiness.WaitForMembersAsync(client, 3);
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Imports through the first node and polls its status until complete; bounded.</summary>
    public async Task ImportAsync(string source, string id, string codec)
    {
        using var started = await Clients[0].PostAsJsonAsync("recordings", new { path = source, id, codec, chunk_seconds = 60 });
        started.EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            var phase = (await Clients[0].GetFromJsonAsync<JsonElement>($"recordings/{id}")).GetProperty("phase").GetString();
            if (phase == "complete")
            {
                return;
            }
            if (phase == "failed")
            {
                throw new InvalidOperationException($"the import of {id} failed");
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"the import of {id} did not complete");
    }

    public async ValueTask DisposeAsync()
    {
        Clients.ForEach(client => client.Dispose());
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}
