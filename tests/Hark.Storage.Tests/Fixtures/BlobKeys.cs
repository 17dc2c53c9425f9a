namespace Hark.Storage.Tests.Fixtures;

internal static class BlobKeys
{
    /// <summary>Every key under <paramref name="prefix"/>, in ordinal order, so tests compare listings directly.</summary>
    public static async Task<List<string>> ListAsync(IBlobStore store, string prefix)
    {
        var keys = new List<string>();
        await foreach (var key in store.ListAsync(prefix, CancellationToken.None))
        {
            keys.Add(key);
        }
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }
}
