namespace Hark.Contracts;

/// <summary>The names of segment formats as the API's <c>format</c> parameter and file extensions spell them.</summary>
public static class SegmentFormats
{
    public static string Name(this SegmentFormat format) => format switch
    {
        SegmentFormat.Wav => "wav",
        SegmentFormat.F32 => "f32",
        SegmentFormat.S16 => "s16",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a segment format"),
    };
}
