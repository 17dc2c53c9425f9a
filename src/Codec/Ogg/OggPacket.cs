namespace Hark.Codec.Ogg;

/// <summary>One Ogg packet, and the granule position of its page when it is the last packet finished there (else -1).</summary>
public sealed record OggPacket(byte[] Bytes, long Granule);
