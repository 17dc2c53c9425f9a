namespace Hark.Codec.Lac;

/// <summary>
/// How a block's first two channels are stored (FLAC's inter-channel decorrelation). side = L - R,
/// mid = (L + R) &gt;&gt; 1; the dropped bit of mid is the low bit of side, so the pair is lossless.
/// </summary>
public enum LacStereoMode : byte
{
    /// <summary>Every channel as is.</summary>
    Independent = 0,
    /// <summary>Channel 0 = left, channel 1 = side.</summary>
    LeftSide = 1,
    /// <summary>Channel 0 = side, channel 1 = right.</summary>
    RightSide = 2,
    /// <summary>Channel 0 = mid, channel 1 = side.</summary>
    MidSide = 3,
}

/// <summary>A block or a .lac file whose structure (not one of its LAC frames) is broken.</summary>
public sealed class LacContainerException(string message) : FormatException(message);
