namespace Hark.Storage;

/// <summary>The values of <see cref="RecordingMetadata.Codec"/>.</summary>
public static class RecordingCodecs
{
    public const string Aac = "aac";
    public const string Lac = "lac";

    public static bool IsKnown(string? codec) => codec is Aac or Lac;
}
