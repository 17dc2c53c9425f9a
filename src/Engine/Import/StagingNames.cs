using System.Globalization;

namespace Hark.Engine.Import;

/// <summary>Names of an import's objects under staging/&lt;id&gt;/.</summary>
internal static class StagingNames
{
    public const string Plan = "plan.json";

    /// <summary>Why the last attempt failed (kept for `hark ls`; a resumed import removes it).</summary>
    public const string Failure = "failed.txt";

    /// <summary>Chunk n of the source, decoded once and kept losslessly (LAC blocks).</summary>
    public static string Pcm(int chunk) => string.Create(CultureInfo.InvariantCulture, $"pcm-{chunk:D6}");

    /// <summary>Chunk n encoded for the archive: the frames it keeps.</summary>
    public static string Encoded(int chunk) => string.Create(CultureInfo.InvariantCulture, $"enc-{chunk:D6}");
}
