using Hark.Storage.Tests.Fixtures;

namespace Hark.Storage.Tests.Archive;

[Collection(AzuriteCollection.Name)]
public sealed class AzureArchiveStoreTests(AzuriteFixture azurite) : ArchiveStoreContract
{
    protected override IBlobStore NewBlobStore() => azurite.NewStore("archive/");
}
