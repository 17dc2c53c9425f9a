using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hark.Testing;

namespace Hark.Node.Tests.Fixtures;

/// <summary>A recording's whole audio against ffmpeg's own decode of its source file, as SHA-256s of 16-bit PCM.</summary>
public static class PcmOracle
{
    /// <summary>The oracle: ffmpeg's decode of the file to 16-bit PCM, interleaved.</summary>
    public static async Task<string> FfmpegSha256Async(string file) =>
        Convert.ToHexStringLower(SHA256.HashData((await ProcessRunner.RunCheckedAsync("ffmpeg", "-v", "error", "-i", file, "-f", "s16le", "-")).StandardOutput));

    /// <summary>The recording read back whole through the node's segment route.</summary>
    public static async Task<string> ArchivedSha256Async(HttpClient node, string id)
    {
        var metadata = await node.GetFromJsonAsync<JsonElement>($"/recordings/{id}/metadata");
        long total = metadata.GetProperty("total_samples").GetInt64();
        return Convert.ToHexStringLower(SHA256.HashData(await node.GetByteArrayAsync($"/recordings/{id}/segment?start=0&count={total}&format=s16")));
    }
}
