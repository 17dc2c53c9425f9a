using System.Security.Cryptography;

namespace Hark.Engine.Archival;

/// <summary>SHA-256 of a file or of a stream's remaining bytes, as lower-case hex, read in 1 MiB pieces.</summary>
public static class FileSha256
{
    public static async Task<string> OfAsync(string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return await OfAsync(file, ct);
    }

    public static async Task<string> OfAsync(Stream stream, CancellationToken ct) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
}
