using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Hark.Storage.Layout;

/// <summary>
/// The identity of one import ("t20261201T101500Z-3fa2c01b5e6d7788"), issued when it is planned. Its staging lives
/// under it, every chunk job and commit carries it, and the recording group names the token that holds the id:
/// whatever carries another token is stale and may change nothing.
/// </summary>
public static partial class ImportToken
{
    public static string New(DateTimeOffset now) =>
        $"t{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";

    public static bool IsValid(string? token) => token is not null && Pattern().IsMatch(token);

    public static string Validate(string? token) =>
        IsValid(token) ? token! : throw new ArgumentException($"\"{Hark.Contracts.PrintableText.Of(token)}\" is not an import token");

    [GeneratedRegex("^t[0-9]{8}T[0-9]{6}Z-[0-9a-f]{16}\\z")]
    private static partial Regex Pattern();
}
