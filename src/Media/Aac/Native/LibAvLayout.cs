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
/// </summary>
internal static class LibAvLayout
{
    public const int FrameData = 0;
    public const int FrameDataPointers = 8;
    public const int FrameNbSamples = 8 * 8 + 8 * 4 + 8 + 4 + 4;
    public const int FrameFormat = FrameNbSamples + 4;

    public const int PacketBuf = 0;
    public const int PacketData = 8 + 8 + 8;
    public const int PacketSize = PacketData + 8;

    public const int BufferRefData = 8;

    public const int ParametersCodecType = 0;
    public const int ParametersCodecId = 4;
    public const int ParametersExtradata = 16;
    public const int ParametersExtradataSize = 24;
}
