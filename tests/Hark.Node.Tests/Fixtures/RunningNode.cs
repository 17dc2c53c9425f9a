using Hark.Actors.Contracts;
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

    public static async Task<RunningNode> StartAsync(Action<IServiceCollection>? configureServices = null)
    {
        var archive = new TempDirectory("hark-node-archive");
        var options = new NodeOptions { Archive = archive.Path, HttpPort = 0, Hostname = "127.0.0.1", ImportWorkers = 2 };
        var app = NodeHost.Build(options, configureServices);
        await app.StartAsync();
        return new RunningNode(app, archive);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Archive.Dispose();
    }
}
