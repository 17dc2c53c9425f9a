using System.Security.Cryptography;

namespace Hark.Storage.Blobs;

/// <summary>
/// A local object's version: a hash of its bytes. Two writes of identical bytes are the same version, which is
/// what a compare-and-swap needs (the state it compares is the content itself).
/// </summary>
internal static class ContentVersion
{
    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 16));
}
