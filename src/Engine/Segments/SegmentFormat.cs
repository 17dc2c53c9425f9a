namespace Hark.Engine.Segments;

/// <summary>How a segment's samples are delivered: always all channels, interleaved.</summary>
public enum SegmentFormat
{
    /// <summary>A WAV file: 32-bit float for AAC recordings, integer PCM at the source depth for LAC.</summary>
    Wav,
    /// <summary>Raw little-endian 32-bit float.</summary>
    F32,
    /// <summary>Raw little-endian 16-bit signed integers (rounded, clipped).</summary>
    S16,
}
