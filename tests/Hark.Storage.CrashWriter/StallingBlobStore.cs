using System.Text;
using Hark.Storage;

namespace Hark.Storage.CrashWriter;

/// <summary>Passes calls through, except that a put of <paramref name="key"/> containing <paramref name="marker"/> never finishes.</summary>
internal sealed class StallingBlobStore(IBlobStore inner, string key, string marker, TaskCompletionSource<string> stalled) : IBlobStore
{
    public string Description => inner.Description;

    public Task<byte[]> GetAsync(string k, CancellationToken ct) => inner.GetAsync(k, ct);
    public Task<Stream> OpenReadAsync(string k, CancellationToken ct) => inner.OpenReadAsync(k, ct);
    public Task<int> ReadRangeAsync(string k, long offset, Memory<byte> destination, CancellationToken ct) => inner.ReadRangeAsync(k, offset, destination, ct);
    public Task PutAsync(string k, Stream content, CancellationToken ct) => inner.PutAsync(k, content, ct);

    public Task PutAsync(string k, ReadOnlyMemory<byte> content, CancellationToken ct) =>
        Stalls(k, content) ? Task.Delay(Timeout.Infinite, ct) : inner.PutAsync(k, content, ct);

    public async Task<bool> PutIfVersionAsync(string k, ReadOnlyMemory<byte> content, string? expectedVersion, CancellationToken ct)
    {
        if (Stalls(k, content))
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        return await inner.PutIfVersionAsync(k, content, expectedVersion, ct);
    }

    public Task<VersionedBlob?> GetVersionedAsync(string k, CancellationToken ct) => inner.GetVersionedAsync(k, ct);
    public Task<bool> DeleteIfVersionAsync(string k, string expectedVersion, CancellationToken ct) => inner.DeleteIfVersionAsync(k, expectedVersion, ct);

    private bool Stalls(string k, ReadOnlyMemory<byte> content)
    {
        var text = Encoding.UTF8.GetString(content.Span);
        // A claim of a complete recording by a replacement still says complete: the flip is the write without an import token.
        if (k != key || !text.Contains(marker, StringComparison.Ordinal) || text.Contains("\"import_token\"", StringComparison.Ordinal))
        {
            return false;
        }
        int at = text.IndexOf("\"generation\": \"", StringComparison.Ordinal) + "\"generation\": \"".Length;
        stalled.TrySetResult(text[at..text.IndexOf('"', at)]);
        return true;
    }

    public Task<bool> PutIfAbsentAsync(string k, ReadOnlyMemory<byte> content, CancellationToken ct) => inner.PutIfAbsentAsync(k, content, ct);
    public Task<bool> ExistsAsync(string k, CancellationToken ct) => inner.ExistsAsync(k, ct);
    public Task<long> GetSizeAsync(string k, CancellationToken ct) => inner.GetSizeAsync(k, ct);
    public Task DeleteAsync(string k, CancellationToken ct) => inner.DeleteAsync(k, ct);
    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken ct) => inner.ListAsync(prefix, ct);
    public IAsyncEnumerable<string> ListChildrenAsync(string folder, CancellationToken ct) => inner.ListChildrenAsync(folder, ct);
}
