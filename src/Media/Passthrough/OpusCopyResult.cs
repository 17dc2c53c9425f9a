using Hark.Codec.Opus;

namespace Hark.Media.Passthrough;

/// <summary>What a copy of a source's Opus packets found: its OpusHead, the packet count and the samples (48 kHz) they decode to.</summary>
public sealed record OpusCopyResult(OpusHead Head, long Packets, long DecodedSamples);
