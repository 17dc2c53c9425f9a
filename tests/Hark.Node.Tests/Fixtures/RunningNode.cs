using Hark.Actors.Contracts;
using Hark.Actors.Hosting;
using Hark.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Hark.Node.Tests.Fixtures;

/// <summary>A node on a free loopback port over a fresh archive folder, stopped and removed on dispose.</summary>
public sealed class RunningNode : IAsyncDisposable
{
    private RunningNode(WebApplication app, TempDirectory archive)
    {
        App = app;
        Archive = archive;
        Client = new HttpClient { BaseAddress = NodeHost.BoundAddress(app), Timeout = TimeSpan.FromMinutes(2) };
    }

    public WebApplication App { get; }

    public TempDirectory Archive { get; }

    public HttpClient Client { get; }

    /// <summary>The node's archive folder, for tests that damage it on purpose.</summary>
    public string ArchivePath => Archive.Path;

    /// <param name="waitUntilReady">Return once the node has joined its cluster (off for tests of readiness itself).</param>
    /// <param name="roles">The node's roles (default all three).</param>
    /// <param name="configure">Changes to the node's options (a smaller request limit, say).</param>
    public static async Task<RunningNode> StartAsync(Action<IServiceCollection>? configureServices = null, bool waitUntilReady = true,
        IReadOnlyList<string>? roles = null, Func<NodeOptions, NodeOptions>? configure = null)
    {
        var archive = new TempDirectory("hark-node-archive");
        var options = new NodeOptions { Archive = archive.Path, HttpPort = 0, Hostname = "127.0.0.1", ImportWorkers = 2 };
        if (roles is not null)
        {
            options = options with { Roles = roles };
        }
        if (configure is not null)
        {
            options = configure(options);
        }
        // The cluster service, as `hark serve` runs it: a cluster of one, with the quick timings of a one-shot command.
        var app = NodeHost.Build(options, HarkClusterSettings.ForOneCommand(), configureServices);
        await app.StartAsync();
        var node = new RunningNode(app, archive);
        if (waitUntilReady)
        {
            await node.WaitUntilReadyAsync();
        }
        return node;
    }

    /// <summary>Until /readyz says the node has joined its cluster (a node answers 503 before).</summary>
    private async Task WaitUntilReadyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!(await Client.GetAsync("/readyz", timeout.Token)).IsSuccessStatusCode)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Archive.Dispose();
    }
}
