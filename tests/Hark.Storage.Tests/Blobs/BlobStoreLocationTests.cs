using Hark.Storage.Blobs;

namespace Hark.Storage.Tests.Blobs;

public sealed class BlobStoreLocationTests
{
    private static string? NoEnvironment(string name) => null;

    [Fact]
    public void A_path_opens_a_local_directory_store()
    {
        var store = Assert.IsType<LocalDirectoryBlobStore>(BlobStoreLocation.Open("some/dir", NoEnvironment));
        Assert.Equal(Path.GetFullPath("some/dir"), store.Root);
    }

    [Fact]
    public void Azure_without_a_connection_string_names_the_variable()
    {
        var e = Assert.Throws<BlobStoreConfigurationException>(() => BlobStoreLocation.Open("az://archive", NoEnvironment));
        Assert.Contains(BlobStoreLocation.ConnectionStringVariable, e.Message);
    }

    [Theory]
    [InlineData("az://", "not a valid container name")]
    [InlineData("az://Upper", "not a valid container name")]
    [InlineData("az://a", "not a valid container name")]
    [InlineData("az://ok-name/../x", "bad prefix")]
    [InlineData("s3://bucket", "unsupported archive location")]
    [InlineData("  ", "empty")]
    public void Bad_locations_are_clear_errors(string location, string expected)
    {
        var e = Assert.Throws<BlobStoreConfigurationException>(() =>
            BlobStoreLocation.Open(location, _ => "UseDevelopmentStorage=true"));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Azure_locations_carry_container_and_prefix()
    {
        var store = Assert.IsType<ResilientBlobStore>(BlobStoreLocation.Open("az://hark-archive/site/a", _ => "UseDevelopmentStorage=true"));
        Assert.Equal("az://hark-archive/site/a", store.Description);
        Assert.Equal(TimeSpan.Zero, store.Patience); // reads hear "unreachable" at once; imports add patience
    }

    [Fact]
    public async Task An_unreachable_store_is_one_clear_error_naming_it_with_or_without_patience()
    {
        var connection = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Hark.Testing.AzuriteProcess.AccountKey +
                         ";BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;";
        var store = Assert.IsType<ResilientBlobStore>(BlobStoreLocation.Open("az://nobody-home", _ => connection));
        var now = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.GetVersionedAsync("zarr.json", CancellationToken.None));
        Assert.StartsWith("the archive's storage (az://nobody-home) cannot be reached: ", now.Message);
        Assert.Contains("refused", now.Message, StringComparison.OrdinalIgnoreCase);

        var reports = new List<string>();
        // Long enough that the first failure (the SDK's own quick retries, slower on a busy machine) leaves room to wait once.
        var patient = store.WithPatience(TimeSpan.FromSeconds(8), reports.Add);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => patient.PutAsync("a", new byte[] { 1 }, CancellationToken.None));
        Assert.Equal("az://nobody-home cannot be reached", Assert.Single(reports)[..34]);
    }
}
