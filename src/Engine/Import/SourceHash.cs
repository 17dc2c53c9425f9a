using System.Security.Cryptography;

namespace Hark.Engine.Import;

internal static class SourceHash
{
    /// <summary>SHA-256 of a file, streamed (runs beside the decode; the file is read twice, never held).</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var hash = await SHA256.HashDataAsync(stream, ct);
        return Convert.ToHexStringLower(hash);
    }
}
