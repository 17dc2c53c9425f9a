namespace Hark.Contracts;

/// <summary>How a segment's samples are delivered: always all channels, interleaved. The same values travel on the wire.</summary>
public enum SegmentFormat : byte
{
    /// <summary>A WAV file: 32-bit float for AAC recordings, integer PCM at the source depth for LAC.</summary>
    Wav = 0,
    /// <summary>Raw little-endian 32-bit float.</summary>
    F32 = 1,
    /// <summary>Raw little-endian 16-bit signed integers (rounded, clipped).</summary>
    S16 = 2,
}
