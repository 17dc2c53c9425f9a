using Hark.Engine.Segments;
using Hark.Messages;
using SegmentEncoding = Hark.Messages.SegmentEncoding;

namespace Hark.Actors.Segments;

/// <summary>The engine's segment formats to and from their wire form.</summary>
public static class SegmentFormats
{
    public static SegmentEncoding ToEncoding(this SegmentFormat format) => format switch
    {
        SegmentFormat.Wav => SegmentEncoding.Wav,
        SegmentFormat.F32 => SegmentEncoding.F32,
        SegmentFormat.S16 => SegmentEncoding.S16,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static SegmentFormat ToFormat(this SegmentEncoding encoding) => encoding switch
    {
        SegmentEncoding.Wav => SegmentFormat.Wav,
        SegmentEncoding.F32 => SegmentFormat.F32,
        SegmentEncoding.S16 => SegmentFormat.S16,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null),
    };
}
