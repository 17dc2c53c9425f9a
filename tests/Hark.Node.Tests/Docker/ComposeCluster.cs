using System.Net;
using Hark.Node.Configuration;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Node.Tests.Docker;

/// <summary>
/// The compose file's three nodes as <c>hark serve</c> processes on loopback, sharing one Azurite container, each with
/// the environment docker-compose.yml gives it (hosts and ports moved to loopback), all joined and ready.
/// </summary>
public sealed class ComposeCluster : IAsyncDisposable
{
    private readonly AzuriteProcess _azurite;
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _compose;

    private ComposeCluster(AzuriteProcess azurite, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> compose)
    {
        _azurite = azurite;
        _compose = compose;
    }

    public List<ServeProcess> Nodes { get; } = [];
    public List<HttpClient> Clients { get; } = [];

    /// <summary>The archive all nodes share, opened directly (for reference reads).</summary>
    public ArchiveStore Archive => new(BlobStoreLocation.Open(_compose["node1"]["HARK_ARCHIVE"],
        name => name == NodeSettingNames.AzureConnectionStringVariable ? _azurite.ConnectionString : null));

    /// <param name="importRoot">Stands for the compose file's /recordings mount: the folder the test's sources are in.</param>
    public static async Task<ComposeCluster> StartAsync(string importRoot)
    {
        var compose = ComposeFile.ReadEnvironments(ComposeFileTests.ComposePath);
        var cluster = new ComposeCluster(await AzuriteProcess.StartAsync(), compose);
        var http = ComposeFileTests.Nodes.ToDictionary(n => n, _ => FreePorts.Next());
        var akka = ComposeFileTests.Nodes.ToDictionary(n => n, _ => FreePorts.Next());
        var ports = new Dictionary<string, IReadOnlyDictionary<int, int>>
        {
            ["azurite"] = new Dictionary<int, int> { [10000] = cluster._azurite.Port },
            // No collector runs here: the nodes export to a closed loopback port and carry on.
            ["otel-collector"] = new Dictionary<int, int> { [4317] = FreePorts.Next() },
        };
        foreach (var node in ComposeFileTests.Nodes)
        {
            ports[node] = new Dictionary<int, int> { [4053] = akka[node], [8080] = http[node] };
        }
        try
        {
            foreach (var node in ComposeFileTests.Nodes)
            {
                var environment = LoopbackEnvironment.Rewrite(compose[node], ports, http[node], akka[node]);
                environment[NodeSettingNames.ImportRoots.Variable] = importRoot;
                // Exactly the compose file's variables, with no container host name left behind.
                Assert.Equal(compose[node].Keys.Order(), environment.Keys.Order());
                Assert.DoesNotContain(environment.Values, v => v.Contains("node1:", StringComparison.Ordinal) || v.Contains("azurite:", StringComparison.Ordinal));
                cluster.Nodes.Add(await ServeProcess.StartAsync([], environment));
                Assert.Equal(new Uri($"http://127.0.0.1:{http[node]}/"), cluster.Nodes[^1].Address);
                cluster.Clients.Add(new HttpClient { BaseAddress = cluster.Nodes[^1].Address });
                // The compose file's own key: the nodes serve every interface there, so they want one.
                cluster.Clients[^1].DefaultRequestHeaders.Authorization = new("Bearer", WriteKey(environment));
            }
            foreach (var client in cluster.Clients)
            {
                if (await ComposeClusterTests.ReadinessAsync(client) != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{client.BaseAddress} never became ready");
                }
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private static string WriteKey(IReadOnlyDictionary<string, string> environment) =>
        ApiKeyList.Parse(environment[NodeSettingNames.ApiKeys.Variable], NodeSettingNames.ApiKeys.Variable)
            .First(key => key.Scope == Hark.Actors.Contracts.ApiScope.Write).Secret;

    public async ValueTask DisposeAsync()
    {
        Clients.ForEach(c => c.Dispose());
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
        await _azurite.DisposeAsync();
    }
}
