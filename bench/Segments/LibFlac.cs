using System.Runtime.InteropServices;

namespace Hark.Bench.Segments;

/// <summary>The few libFLAC stream decoder calls a seeking reader needs (libFLAC 1.4, soname libFLAC.so.12).</summary>
internal static unsafe partial class LibFlac
{
    private const string Library = "libFLAC.so.12";

    public const int InitStatusOk = 0;
    public const int WriteStatusContinue = 0;
    public const int WriteStatusAbort = 1;
    public const int FrameNumberTypeSample = 1;

    [LibraryImport(Library, EntryPoint = "FLAC__stream_decoder_new")]
    public static partial nint DecoderNew();

    [LibraryImport(Library, EntryPoint = "FLAC__stream_decoder_init_file", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int DecoderInitFile(nint decoder, string path,
        delegate* unmanaged[Cdecl]<nint, FrameHeader*, int**, nint, int> write,
        nint metadata,
        delegate* unmanaged[Cdecl]<nint, int, nint, void> error,
        nint clientData);

    [LibraryImport(Library, EntryPoint = "FLAC__stream_decoder_seek_absolute")]
    public static partial int DecoderSeekAbsolute(nint decoder, ulong sample);

    [LibraryImport(Library, EntryPoint = "FLAC__stream_decoder_process_single")]
    public static partial int DecoderProcessSingle(nint decoder);

    [LibraryImport(Library, EntryPoint = "FLAC__stream_decoder_process_until_end_of_metadata")]
    public static partial int DecoderProcessUntilEndOfMetadata(nint decoder);

    [LibraryImport(Library, EntryPoint = "FLAC__stream_decoder_get_total_samples")]
    public static partial ulong DecoderGetTotalSamples(nint decoder);

    [LibraryImport(Library, EntryPoint = "FLAC__stream_decoder_get_state")]
    public static partial int DecoderGetState(nint decoder);

    [LibraryImport(Library, EntryPoint = "FLAC__stream_decoder_flush")]
    public static partial int DecoderFlush(nint decoder);

    [LibraryImport(Library, EntryPoint = "FLAC__stream_decoder_finish")]
    public static partial int DecoderFinish(nint decoder);

    [LibraryImport(Library, EntryPoint = "FLAC__stream_decoder_delete")]
    public static partial void DecoderDelete(nint decoder);

    /// <summary>FLAC__FrameHeader: the fields a reader needs, at their C offsets (the number union is 8-aligned).</summary>
    [StructLayout(LayoutKind.Explicit)]
    public struct FrameHeader
    {
        [FieldOffset(0)] public uint Blocksize;
        [FieldOffset(4)] public uint SampleRate;
        [FieldOffset(8)] public uint Channels;
        [FieldOffset(12)] public int ChannelAssignment;
        [FieldOffset(16)] public uint BitsPerSample;
        [FieldOffset(20)] public int NumberType;
        [FieldOffset(24)] public ulong SampleNumber;
    }
}
