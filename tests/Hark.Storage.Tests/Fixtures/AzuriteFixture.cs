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
    private AzuriteProcess? _azurite;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("azurite is not running");

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    /// <summary>
    /// A store in a fresh container, so tests never see each other's blobs. Small listing pages make every listing
    /// of more than 50 keys follow continuation tokens, as listings of real archives do.
    /// </summary>
    public AzureBlobStore NewStore(string prefix = "") =>
        AzureBlobStore.Create(ConnectionString, $"t{Guid.NewGuid():N}", prefix, listPageSize: 50);

    public BlobServiceClient Service() => new(ConnectionString);

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
