namespace Hark.Messages;

/// <summary>The byte format of a segment answer (mirrors the engine's segment formats).</summary>
public enum SegmentEncoding : byte
{
    Wav = 0,
    F32 = 1,
    S16 = 2,
}
