using Hark.Storage.Blobs;
using Hark.Testing;

namespace Hark.Storage.Tests.Archive;

public sealed class LocalArchiveStoreTests : ArchiveStoreContract, IDisposable
{
    private readonly TempDirectory _root = new("hark-archive");

    protected override IBlobStore NewBlobStore() => new LocalDirectoryBlobStore(Path.Combine(_root.Path, Guid.NewGuid().ToString("N")));

    [Fact]
    public async Task Open_takes_a_directory_location()
    {
        var dir = Path.Combine(_root.Path, "by-location");
        var archive = ArchiveStore.Open(dir);
        await ImportAsync(archive, "r", Fixtures.FrameSource.Frames(5, seed: 1));
        Assert.True(File.Exists(Path.Combine(dir, "recordings", "r", "zarr.json")));
        Assert.IsType<LocalDirectoryBlobStore>(archive.Blobs);
    }

    public void Dispose() => _root.Dispose();
}
