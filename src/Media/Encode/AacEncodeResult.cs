namespace Hark.Media.Encode;

/// <summary>What an encode produced besides its frames.</summary>
/// <param name="AudioSpecificConfig">The 2-byte ASC a decoder needs (object type, rate index, channel config).</param>
/// <param name="FrameCount">Raw AAC frames handed to the frame callback, 1024 samples each.</param>
/// <param name="PrimingSamples">Samples of encoder delay before the first input sample (1024 for ffmpeg).</param>
/// <param name="EncoderName">The libavcodec build and encoder, e.g. "libavcodec 59.37.100 aac" (ffmpeg's native encoder).</param>
/// <param name="InputFrames">PCM frames (samples per channel) read from the source callback.</param>
/// <param name="BitRate">The bit rate the encoder was given, after the per-frame cap (see AacEncoderSettings.EffectiveBitRate).</param>
public sealed record AacEncodeResult(
    byte[] AudioSpecificConfig,
    long FrameCount,
    int PrimingSamples,
    string EncoderName,
    long InputFrames,
    int BitRate);
