using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Hark.Storage.Layout;

/// <summary>
/// Names of generation subgroups ("g20261123T154310Z-3fa2c01b"): each import writes its arrays into a fresh one,
/// and the recording group names the current one. Names are unique (time + random), so a deleted and re-imported
/// recording never reuses a name, and chunk caches keyed by path can never serve stale bytes.
/// </summary>
public static partial class Generation
{
    public static string New(DateTimeOffset now) =>
        $"g{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    public static bool IsGenerationFolder(string childName) => Pattern().IsMatch(childName);

    [GeneratedRegex("^g[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}/$")]
    private static partial Regex Pattern();
}
