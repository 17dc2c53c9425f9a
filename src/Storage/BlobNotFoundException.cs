namespace Hark.Storage;

/// <summary>An object the caller needs is not in the store.</summary>
public sealed class BlobNotFoundException(string key, string storeDescription)
    : Exception($"{key}: no such object in {storeDescription}")
{
    public string Key { get; } = key;
}
