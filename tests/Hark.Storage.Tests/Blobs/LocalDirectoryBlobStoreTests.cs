using Hark.Storage.Blobs;
using Hark.Testing;

namespace Hark.Storage.Tests.Blobs;

public sealed class LocalDirectoryBlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly TempDirectory _root = new("hark-blobs");

    protected override IBlobStore NewStore() => new LocalDirectoryBlobStore(Path.Combine(_root.Path, Guid.NewGuid().ToString("N")));

    [Fact]
    public async Task Puts_leave_no_temporary_files_and_deletes_no_empty_folders()
    {
        var dir = Path.Combine(_root.Path, "tidy");
        var store = new LocalDirectoryBlobStore(dir);
        await store.PutAsync("a/b/one", new byte[100], None);
        await store.PutAsync("a/b/one", new byte[200], None);
        Assert.False(await store.PutIfAbsentAsync("a/b/one", new byte[300], None));
        Assert.Equal([Path.Combine(dir, "a", "b", "one")], Directory.GetFiles(dir, "*", SearchOption.AllDirectories));
        await store.DeleteAsync("a/b/one", None);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public async Task A_failed_streaming_put_keeps_the_old_object()
    {
        var store = new LocalDirectoryBlobStore(Path.Combine(_root.Path, "failing"));
        await store.PutAsync("k", "old"u8.ToArray(), None);
        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("k", new FailingStream(), None));
        Assert.Equal("old"u8.ToArray(), await store.GetAsync("k", None));
        Assert.Single(Directory.GetFiles(Path.Combine(_root.Path, "failing")));
    }

    public void Dispose() => _root.Dispose();

    private sealed class FailingStream : Stream
    {
        private int _reads;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) =>
            _reads++ < 2 ? count : throw new IOException("source broke mid-copy");
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
