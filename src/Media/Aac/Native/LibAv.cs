using System.Runtime.InteropServices;

namespace Hark.Media.Aac.Native;

/// <summary>
/// The libavcodec/libavutil functions Hark calls. The library names are logical: <see cref="LibAvLoader"/> maps them
/// to whichever soname the system has (libavcodec.so.59 on Debian 12). Only opaque pointers cross this boundary;
/// the few struct fields read or written are in <see cref="LibAvLayout"/>, checked at load time.
/// </summary>
internal static unsafe partial class LibAv
{
    internal const string AvCodec = "hark-avcodec";
    internal const string AvUtil = "hark-avutil";

    /// <summary>AV_CODEC_ID_AAC: 0x15000 is the first MPEG audio id (MP2), then MP3, then AAC.</summary>
    internal const int CodecIdAac = 0x15002;

    /// <summary>AVMEDIA_TYPE_AUDIO.</summary>
    internal const int MediaTypeAudio = 1;

    /// <summary>AV_SAMPLE_FMT_NONE: a new context's sample format.</summary>
    internal const int SampleFormatNone = -1;

    /// <summary>AV_SAMPLE_FMT_FLTP: what the float AAC decoder outputs.</summary>
    internal const int SampleFormatFltp = 8;

    /// <summary>AVERROR_EOF, FFERRTAG('E','O','F',' '): an encoder has given its last packet after a flush.</summary>
    internal const int ErrorEof = -0x20464F45;

    /// <summary>AV_OPT_SEARCH_CHILDREN: an option of the codec's private context (such as aac_pns) is found too.</summary>
    internal const int OptionSearchChildren = 1;

    /// <summary>AV_LOG_QUIET: libav's own messages stay off stderr; every failure reaches Hark as a return code.</summary>
    internal const int LogQuiet = -8;

    /// <summary>AV_INPUT_BUFFER_PADDING_SIZE: bitstream readers may read this far past a buffer's end.</summary>
    internal const int InputPadding = 64;

    /// <summary>AVERROR(EAGAIN): errno 35 on macOS/BSD, 11 elsewhere (Windows builds use 11 too).</summary>
    internal static readonly int ErrorAgain = OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? -35 : -11;

    [LibraryImport(AvCodec)] internal static partial uint avcodec_version();
    [LibraryImport(AvCodec)] internal static partial nint avcodec_find_decoder(int id);
    [LibraryImport(AvCodec)] internal static partial nint avcodec_alloc_context3(nint codec);
    [LibraryImport(AvCodec)] internal static partial void avcodec_free_context(nint* context);
    [LibraryImport(AvCodec)] internal static partial nint avcodec_parameters_alloc();
    [LibraryImport(AvCodec)] internal static partial void avcodec_parameters_free(nint* parameters);
    [LibraryImport(AvCodec)] internal static partial int avcodec_parameters_to_context(nint context, nint parameters);
    [LibraryImport(AvCodec)] internal static partial int avcodec_open2(nint context, nint codec, nint options);
    [LibraryImport(AvCodec)] internal static partial int avcodec_send_packet(nint context, nint packet);
    [LibraryImport(AvCodec)] internal static partial int avcodec_receive_frame(nint context, nint frame);
    [LibraryImport(AvCodec)] internal static partial void avcodec_flush_buffers(nint context);
    [LibraryImport(AvCodec, StringMarshalling = StringMarshalling.Utf8)] internal static partial nint avcodec_find_encoder_by_name(string name);
    [LibraryImport(AvCodec)] internal static partial int avcodec_send_frame(nint context, nint frame);
    [LibraryImport(AvCodec)] internal static partial int avcodec_receive_packet(nint context, nint packet);
    [LibraryImport(AvCodec)] internal static partial nint av_packet_alloc();
    [LibraryImport(AvCodec)] internal static partial void av_packet_free(nint* packet);
    [LibraryImport(AvCodec)] internal static partial int av_new_packet(nint packet, int size);
    [LibraryImport(AvCodec)] internal static partial void av_packet_unref(nint packet);

    [LibraryImport(AvUtil)] internal static partial uint avutil_version();
    [LibraryImport(AvUtil)] internal static partial void av_log_set_level(int level);
    [LibraryImport(AvUtil)] internal static partial nint av_frame_alloc();
    [LibraryImport(AvUtil)] internal static partial void av_frame_free(nint* frame);
    [LibraryImport(AvUtil)] internal static partial void av_frame_unref(nint frame);
    [LibraryImport(AvUtil)] internal static partial int av_frame_get_buffer(nint frame, int align);
    [LibraryImport(AvUtil)] internal static partial int av_frame_make_writable(nint frame);
    [LibraryImport(AvUtil, StringMarshalling = StringMarshalling.Utf8)] internal static partial int av_channel_layout_from_string(nint layout, string description);
    [LibraryImport(AvUtil)] internal static partial nint av_mallocz(nuint size);
    [LibraryImport(AvUtil)] internal static partial void av_free(nint pointer);
    [LibraryImport(AvUtil, StringMarshalling = StringMarshalling.Utf8)] internal static partial int av_opt_set_int(nint target, string name, long value, int searchFlags);
    [LibraryImport(AvUtil, StringMarshalling = StringMarshalling.Utf8)] internal static partial int av_opt_set(nint target, string name, string value, int searchFlags);
    [LibraryImport(AvUtil, StringMarshalling = StringMarshalling.Utf8)] internal static partial int av_opt_get_int(nint target, string name, int searchFlags, out long value);
    [LibraryImport(AvUtil)] internal static partial int av_strerror(int error, byte* buffer, nuint size);

    /// <summary>
    /// Frees a codec context, packet and frame as allocated for one coder, each left 0 (a 0 is skipped). A packet whose
    /// buf is null does not own its data, so freeing it leaves a caller's buffer alone.
    /// </summary>
    internal static void FreeCoder(ref nint context, ref nint packet, ref nint frame)
    {
        fixed (nint* pointer = &frame)
        {
            if (*pointer != 0)
            {
                av_frame_free(pointer);
            }
        }
        fixed (nint* pointer = &packet)
        {
            if (*pointer != 0)
            {
                av_packet_free(pointer);
            }
        }
        fixed (nint* pointer = &context)
        {
            if (*pointer != 0)
            {
                avcodec_free_context(pointer);
            }
        }
    }

    /// <summary>libavutil's text for an AVERROR code.</summary>
    internal static string ErrorText(int error)
    {
        byte* buffer = stackalloc byte[128];
        return av_strerror(error, buffer, 128) == 0
            ? Marshal.PtrToStringUTF8((nint)buffer) ?? $"error {error}"
            : $"error {error}";
    }
}
