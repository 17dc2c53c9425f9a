using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Hark.Actors.Contracts;
using Hark.Actors.Hosting;
using Hark.Engine.Import;
using Hark.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hark.Actors.Tests;

/// <summary>One cluster node in this process: a generic host running AddHarkCluster, as the node executable does.</summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly IHost _host;

    private TestNode(IHost host, NodeOptions options)
    {
        _host = host;
        Options = options;
    }

    public NodeOptions Options { get; }
    public IServiceProvider Services => _host.Services;
    public ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();
    public IRecordingService Service => _host.Services.GetRequiredService<IRecordingService>();
    public ArchiveServices Archive => _host.Services.GetRequiredService<ArchiveServices>();
    public ActorRegistry Registry => _host.Services.GetRequiredService<ActorRegistry>();
    public Address Address => Cluster.Get(System).SelfAddress;

    /// <summary>This node as a seed for others ("host:port").</summary>
    public string SeedAddress => $"{Address.Host}:{Address.Port}";

    /// <param name="steps">The import steps this node's actors run (a test wraps the real ones to hold a step); null: the real ones.</param>
    public static async Task<TestNode> StartAsync(NodeOptions options, HarkClusterSettings settings, Func<ArchiveStore, IImportSteps>? steps = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("HARK_TEST_LOGS") == "1")
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
        builder.Services.AddHarkCluster(options, settings);
        if (steps is not null)
        {
            // Registered after the cluster's own: the last registration is the one resolved.
            builder.Services.AddSingleton(_ =>
            {
                var archive = ArchiveStore.Open(options.Archive);
                archive.EnsureCreatedAsync(CancellationToken.None).GetAwaiter().GetResult();
                return new ArchiveServices(archive, settings, steps(archive));
            });
        }
        var host = builder.Build();
        await host.StartAsync();
        return new TestNode(host, options);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(20));
        _host.Dispose();
    }
}
