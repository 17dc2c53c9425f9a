namespace Hark.Media.Aac.Native;

/// <summary>
/// Offsets of the struct fields Hark touches. They are the leading, never-reordered fields of each struct and are
/// the same from FFmpeg 4 (libavcodec 58) through 7 (libavcodec 61):
///   AVFrame            { uint8_t *data[8]; int linesize[8]; uint8_t **extended_data; int width, height; int nb_samples; int format; ... }
///   AVPacket           { AVBufferRef *buf; int64_t pts, dts; uint8_t *data; int size; ... }
///   AVBufferRef        { AVBuffer *buffer; uint8_t *data; size_t size; }
///   AVCodecParameters  { enum AVMediaType codec_type; enum AVCodecID codec_id; uint32_t codec_tag; uint8_t *extradata; int extradata_size; ... }
/// <see cref="LibAvLoader"/> checks the AVPacket ones against av_new_packet and decodes a known frame to check AVFrame's
/// before any decoder is handed out; every decode also checks nb_samples and format before touching data.
/// AVFrame.ch_layout (FFmpeg 5.1 on) sits far down the struct, after fields that come and go between majors: its
/// offset is known per libavutil major only, and the encoder refuses a major it does not know
/// (<see cref="FrameChannelLayout"/>), then proves the offset by a round trip before it is used.
/// </summary>
internal static class LibAvLayout
{
    public const int FrameData = 0;
    public const int FrameDataPointers = 8;
    public const int FrameLinesize = 8 * 8;
    public const int FrameNbSamples = 8 * 8 + 8 * 4 + 8 + 4 + 4;
    public const int FrameFormat = FrameNbSamples + 4;

    /// <summary>AVFrame.ch_layout by libavutil major (57: FFmpeg 5.1); null for a major whose layout is not known here.</summary>
    public static int? FrameChannelLayout(int utilMajor) => utilMajor switch
    {
        57 => 448,
        _ => null,
    };

    /// <summary>
    /// AVCodecContext.sample_rate by libavcodec major (59: FFmpeg 5.1); sample_fmt, which has no AVOption for encoders,
    /// follows it after the deprecated channels field. Checked before use: sample_rate holds what the "ar" option
    /// set and sample_fmt the AV_SAMPLE_FMT_NONE a new context starts with.
    /// </summary>
    public static int? ContextSampleRate(int codecMajor) => codecMajor switch
    {
        59 => 352,
        _ => null,
    };

    public const int ContextSampleFormatAfterRate = 8;

    /// <summary>AVCodecContext.frame_size, right after sample_fmt; the encoder sets it when opened (1024 for AAC-LC).</summary>
    public const int ContextFrameSizeAfterRate = 12;

    public const int PacketBuf = 0;
    public const int PacketData = 8 + 8 + 8;
    public const int PacketSize = PacketData + 8;

    public const int BufferRefData = 8;

    public const int ParametersCodecType = 0;
    public const int ParametersCodecId = 4;
    public const int ParametersExtradata = 16;
    public const int ParametersExtradataSize = 24;
}
