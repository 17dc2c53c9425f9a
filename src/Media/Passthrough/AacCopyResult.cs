using Hark.Codec.Adts;

namespace Hark.Media.Passthrough;

/// <summary>What a copy of a source's AAC packets found: the stream's format (its AudioSpecificConfig) and how many frames.</summary>
public sealed record AacCopyResult(AdtsStreamFormat Format, long Frames)
{
    public byte[] AudioSpecificConfig => Format.ToAudioSpecificConfig();
}
