using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Hark.Actors.Contracts;
using Hark.Actors.Hosting;
using Hark.Engine.Import;
using Hark.Messages;
using Hark.Storage;

namespace Hark.Actors.Tests;

/// <summary>Nodes on 127.0.0.1 sharing one archive: the first picks a free port and is the others' seed.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly List<TestNode> _nodes = [];

    public IReadOnlyList<TestNode> Nodes => _nodes;
    public TestNode this[int index] => _nodes[index];

    public static HarkClusterSettings FastSettings => new()
    {
        AnnounceInterval = TimeSpan.FromMilliseconds(300),
        AskTimeout = TimeSpan.FromSeconds(60),
        SegmentIdleTimeout = TimeSpan.FromSeconds(60),
    };

    public static Task<TestCluster> StartAsync(string archive, HarkClusterSettings settings, params (string[] Roles, int Workers)[] nodes) =>
        StartAsync(archive, settings, steps: null, nodes);

    /// <param name="steps">Per node (by index): the import steps its actors run; null for the real ones.</param>
    public static async Task<TestCluster> StartAsync(string archive, HarkClusterSettings settings,
        Func<int, ArchiveStore, IImportSteps>? steps, params (string[] Roles, int Workers)[] nodes)
    {
        var cluster = new TestCluster();
        try
        {
            foreach (var (roles, workers) in nodes)
            {
                var options = new NodeOptions
                {
                    Archive = archive,
                    Hostname = "127.0.0.1",
                    AkkaPort = 0,
                    Seeds = cluster._nodes.Count == 0 ? [] : [cluster._nodes[0].SeedAddress],
                    Roles = roles,
                    ImportWorkers = workers,
                    ClusterName = "hark-test",
                };
                int index = cluster._nodes.Count;
                cluster._nodes.Add(await TestNode.StartAsync(options, settings, steps is null ? null : archive => steps(index, archive)));
            }
            await cluster.AwaitUpAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds a node to the running cluster and waits until every node sees it up.</summary>
    public async Task<TestNode> AddNodeAsync(string archive, HarkClusterSettings settings, string[] roles, int workers)
    {
        var node = await TestNode.StartAsync(new NodeOptions
        {
            Archive = archive,
            Hostname = "127.0.0.1",
            AkkaPort = 0,
            Seeds = [_nodes[0].SeedAddress],
            Roles = roles,
            ImportWorkers = workers,
            ClusterName = "hark-test",
        }, settings);
        _nodes.Add(node);
        await AwaitUpAsync();
        return node;
    }

    /// <summary>Stops node <paramref name="index"/> gracefully (it leaves the cluster) and waits until the rest see it gone.</summary>
    public async Task RemoveNodeAsync(int index)
    {
        var node = _nodes[index];
        _nodes.RemoveAt(index);
        await node.DisposeAsync();
        await AwaitUpAsync();
    }

    public async Task AwaitUpAsync()
    {
        await Eventually.TrueAsync(() => Task.FromResult(_nodes.All(n =>
            Cluster.Get(n.System).State.Members.Count == _nodes.Count
            && Cluster.Get(n.System).State.Members.All(m => m.Status == MemberStatus.Up))),
            TimeSpan.FromSeconds(60), "every node sees every node up");
    }

    /// <summary>
    /// Waits until pub-sub gossip has converged: a listener on every node hears a publish from every node. Topics
    /// subscribed before (the workers') travel in the same gossip, so they are known everywhere too.
    /// </summary>
    public async Task AwaitPubSubAsync()
    {
        const string topic = "hark-test-ready";
        var heard = new System.Collections.Concurrent.ConcurrentDictionary<(int Listener, int Publisher), bool>();
        var listeners = new List<IActorRef>();
        for (int i = 0; i < _nodes.Count; i++)
        {
            var listener = _nodes[i].System.ActorOf(Props.Create(() => new ReadyListener(i, heard)));
            await DistributedPubSub.Get(_nodes[i].System).Mediator.Ask<SubscribeAck>(new Subscribe(topic, listener), TimeSpan.FromSeconds(10));
            listeners.Add(listener);
        }
        await Eventually.TrueAsync(() =>
        {
            for (int p = 0; p < _nodes.Count; p++)
            {
                DistributedPubSub.Get(_nodes[p].System).Mediator.Tell(new Publish(topic, p));
            }
            return Task.FromResult(heard.Count == _nodes.Count * _nodes.Count);
        }, TimeSpan.FromSeconds(60), "pub-sub reaches every node from every node");
        for (int i = 0; i < _nodes.Count; i++)
        {
            _nodes[i].System.Stop(listeners[i]);
        }
    }

    private sealed class ReadyListener : ReceiveActor
    {
        public ReadyListener(int index, System.Collections.Concurrent.ConcurrentDictionary<(int, int), bool> heard)
        {
            Receive<int>(publisher => heard[(index, publisher)] = true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Last joined first, so the seed leaves last and the others leave gracefully.
        for (int i = _nodes.Count - 1; i >= 0; i--)
        {
            await _nodes[i].DisposeAsync();
        }
        _nodes.Clear();
    }
}
