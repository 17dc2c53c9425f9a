namespace Hark.Storage;

/// <summary>A key that could escape the store's root or that the stores cannot hold.</summary>
public sealed class InvalidBlobKeyException(string key, string reason)
    : ArgumentException($"invalid blob key \"{BlobKey.Printable(key)}\": {reason}")
{
    public string Key { get; } = key;
}
