using Hark.Codec.Adts;

namespace Hark.Cli.Commands;

/// <summary>What the inspector lists of one frame (the frame's bytes are not kept).</summary>
internal sealed record AdtsFrameRecord(int Index, long Offset, long SkippedBefore, AdtsHeader Header, bool CrcValid)
{
    public static AdtsFrameRecord From(int index, in AdtsFrame frame) =>
        new(index, frame.Offset, frame.SkippedBefore, frame.Header, frame.CrcValid);
}
