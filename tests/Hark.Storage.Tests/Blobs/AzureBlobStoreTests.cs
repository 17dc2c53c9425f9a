using Hark.Storage.Tests.Fixtures;

namespace Hark.Storage.Tests.Blobs;

[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobStoreTests(AzuriteFixture azurite) : BlobStoreContract
{
    protected override IBlobStore NewStore() => azurite.NewStore();

    [Fact]
    public async Task A_prefix_keeps_keys_inside_its_folder()
    {
        var container = $"p{Guid.NewGuid():N}";
        var inner = Storage.Blobs.AzureBlobStore.Create(azurite.ConnectionString, container, "archives/one/");
        var outer = Storage.Blobs.AzureBlobStore.Create(azurite.ConnectionString, container);
        await inner.PutAsync("zarr.json", "{}"u8.ToArray(), None);
        Assert.Equal(["archives/one/zarr.json"], await ListAsync(outer, ""));
        Assert.Equal(["zarr.json"], await ListAsync(inner, ""));
    }

    [Fact]
    public async Task Reads_from_a_container_that_does_not_exist_yet_find_nothing()
    {
        var store = azurite.NewStore();
        Assert.False(await store.ExistsAsync("x", None));
        Assert.Empty(await ListAsync(store, ""));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.GetAsync("x", None));
    }

    [Fact]
    public async Task Location_strings_open_the_container_with_the_connection_string_from_the_environment()
    {
        var container = $"l{Guid.NewGuid():N}";
        var store = BlobStoreLocation.Open($"az://{container}/pre", name => name == BlobStoreLocation.ConnectionStringVariable ? azurite.ConnectionString : null);
        await store.PutAsync("k", new byte[] { 7 }, None);
        var plain = Storage.Blobs.AzureBlobStore.Create(azurite.ConnectionString, container);
        Assert.Equal(new byte[] { 7 }, await plain.GetAsync("pre/k", None));
    }
}
