using Hark.Storage;
using Hark.Testing;

namespace Hark.Node.Tests.Failover;

/// <summary>
/// Three <c>hark serve</c> processes on loopback sharing one archive folder: the node clients talk to (api only, so
/// its reads and imports cross the cluster) and two workers with every role, one importer process each.
/// </summary>
public sealed class FailoverCluster : IAsyncDisposable
{
    private FailoverCluster(string archive) => ArchivePath = archive;

    public string ArchivePath { get; }

    /// <summary>The node clients talk to; never killed.</summary>
    public ServeProcess Front => Nodes[0];

    /// <summary>The two nodes that host entities and readers and encode.</summary>
    public IReadOnlyList<ServeProcess> Workers => Nodes.Skip(1).ToList();

    public List<ServeProcess> Nodes { get; } = [];

    public HttpClient Client { get; private set; } = null!;

    public ArchiveStore OpenArchive() => ArchiveStore.Open(ArchivePath);

    public static async Task<FailoverCluster> StartAsync(string archive, string importRoot)
    {
        var cluster = new FailoverCluster(archive);
        int seedPort = FreePorts.Next();
        var environment = new Dictionary<string, string>
        {
            ["HARK_IMPORT_WORKERS"] = "1",
            ["HARK_IMPORT_ROOTS"] = importRoot,
        };
        try
        {
            cluster.Nodes.Add(await ServeProcess.StartAsync(
                ["--port", "0", "--akka-port", Port(seedPort), "--seed", $"127.0.0.1:{seedPort}", "--roles", "api", "--archive", archive], environment));
            for (int i = 0; i < 2; i++)
            {
                cluster.Nodes.Add(await ServeProcess.StartAsync(
                    ["--port", "0", "--akka-port", Port(FreePorts.Next()), "--seed", $"127.0.0.1:{seedPort}", "--archive", archive], environment));
            }
            cluster.Client = new HttpClient { BaseAddress = cluster.Front.Address, Timeout = TimeSpan.FromSeconds(100) };
            await cluster.WaitForMembersAsync(3);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Until the front node's readiness says <paramref name="members"/> nodes are up (a downed one is gone).</summary>
    public Task WaitForMembersAsync(int members) => ClusterReadiness.WaitForMembersAsync(Client, members);

    /// <summary>The worker whose log says it started the named recording's entity (or reader).</summary>
    public ServeProcess HostOf(string id, string what) =>
        Workers.LastOrDefault(n => n.Errors.Contains($"Recording {id}: {what} started on this node", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"no worker logged starting the {what} of {id}");

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
    }
}
