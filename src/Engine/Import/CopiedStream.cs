using Hark.Codec.Opus;

namespace Hark.Engine.Import;

/// <summary>What a passthrough staging pass copied: how many packets of how many samples each, and the stream's own
/// description (an AAC AudioSpecificConfig, or Opus's identification header).</summary>
internal sealed record CopiedStream(long Frames, int FrameSamples, byte[]? AudioSpecificConfig, OpusHead? OpusHead);
