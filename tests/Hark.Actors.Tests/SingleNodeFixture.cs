using Hark.Actors.Sharding;
using Hark.Testing;

namespace Hark.Actors.Tests;

/// <summary>A one-node cluster with every role; entities passivate and the sweeper runs within a test's time.</summary>
public sealed class SingleNodeFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    public TempDirectory Directory { get; } = new("hark-node");
    public string ArchivePath => Directory.File("archive");
    public TestNode Node => _cluster![0];

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync(ArchivePath, TestCluster.FastSettings with { IdleTimeout = TimeSpan.FromSeconds(1), SweepInterval = TimeSpan.FromSeconds(3) },
            ([HarkRoles.Api, HarkRoles.Importer, HarkRoles.Reader], 2));
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
        Directory.Dispose();
    }
}
