using System.Runtime.InteropServices;
using Hark.Media.Tools;

namespace Hark.Media.Flac.Native;

/// <summary>
/// The libFLAC functions Hark calls, bound once per process as function pointers from the library the system has
/// (libFLAC.so.12 on Debian, from libflac12; HARK_LIBFLAC may name the file), as <c>LibOpus</c> binds libopus: a
/// failed load becomes one clear <see cref="FlacException"/>.
/// </summary>
internal static unsafe class LibFlac
{
    internal const int EncoderInitOk = 0;
    internal const int DecoderInitOk = 0;
    internal const int WriteStatusContinue = 0;
    internal const int WriteStatusAbort = 1;
    internal const int SeekStatusOk = 0;
    internal const int SeekStatusError = 1;
    internal const int TellStatusOk = 0;
    internal const int TellStatusError = 1;
    internal const int ReadStatusContinue = 0;
    internal const int ReadStatusEndOfStream = 1;
    internal const int ReadStatusAbort = 2;

    private static readonly Lazy<Functions> Bound = new(Bind, LazyThreadSafetyMode.ExecutionAndPublication);

    internal static Functions F => Bound.Value;

    /// <summary>"1.4.2": the library's FLAC__VERSION_STRING.</summary>
    internal static string Version => Marshal.PtrToStringUTF8(*(nint*)F.VersionString) ?? "libFLAC";

    internal static string Text(nint utf8) => Marshal.PtrToStringUTF8(utf8) ?? "unknown";

    internal sealed class Functions
    {
        public required nint VersionString;
        public required delegate* unmanaged<nint> EncoderNew;
        public required delegate* unmanaged<nint, void> EncoderDelete;
        public required delegate* unmanaged<nint, uint, int> EncoderSetChannels;
        public required delegate* unmanaged<nint, uint, int> EncoderSetBitsPerSample;
        public required delegate* unmanaged<nint, uint, int> EncoderSetSampleRate;
        public required delegate* unmanaged<nint, uint, int> EncoderSetCompressionLevel;
        public required delegate* unmanaged<nint, int, int> EncoderSetStreamableSubset;
        public required delegate* unmanaged<nint, ulong, int> EncoderSetTotalSamplesEstimate;
        public required delegate* unmanaged<nint, delegate* unmanaged<nint, byte*, nuint, uint, uint, nint, int>, delegate* unmanaged<nint, ulong, nint, int>, delegate* unmanaged<nint, ulong*, nint, int>, nint, nint, int> EncoderInitStream;
        public required delegate* unmanaged<nint, int*, uint, int> EncoderProcessInterleaved;
        public required delegate* unmanaged<nint, int> EncoderFinish;
        public required delegate* unmanaged<nint, nint> EncoderResolvedState;
        public required delegate* unmanaged<nint> DecoderNew;
        public required delegate* unmanaged<nint, void> DecoderDelete;
        public required delegate* unmanaged<nint, int, int> DecoderSetMd5Checking;
        public required delegate* unmanaged<nint, delegate* unmanaged<nint, byte*, nuint*, nint, int>, nint, nint, nint, nint, delegate* unmanaged<nint, nint, int**, nint, int>, delegate* unmanaged<nint, byte*, nint, void>, delegate* unmanaged<nint, int, nint, void>, nint, int> DecoderInitStream;
        public required delegate* unmanaged<nint, int> DecoderProcessUntilEndOfMetadata;
        public required delegate* unmanaged<nint, int> DecoderProcessUntilEndOfStream;
        public required delegate* unmanaged<nint, int> DecoderFinish;
        public required delegate* unmanaged<nint, nint> DecoderResolvedState;
        public required nint DecoderErrorStatusStrings;
    }

    private static Functions Bind()
    {
        nint library = Load();
        nint Export(string name) => NativeLibrary.TryGetExport(library, name, out var address)
            ? address
            : throw new FlacException($"libFLAC lacks {name}");
        return new Functions
        {
            VersionString = Export("FLAC__VERSION_STRING"),
            EncoderNew = (delegate* unmanaged<nint>)Export("FLAC__stream_encoder_new"),
            EncoderDelete = (delegate* unmanaged<nint, void>)Export("FLAC__stream_encoder_delete"),
            EncoderSetChannels = (delegate* unmanaged<nint, uint, int>)Export("FLAC__stream_encoder_set_channels"),
            EncoderSetBitsPerSample = (delegate* unmanaged<nint, uint, int>)Export("FLAC__stream_encoder_set_bits_per_sample"),
            EncoderSetSampleRate = (delegate* unmanaged<nint, uint, int>)Export("FLAC__stream_encoder_set_sample_rate"),
            EncoderSetCompressionLevel = (delegate* unmanaged<nint, uint, int>)Export("FLAC__stream_encoder_set_compression_level"),
            EncoderSetStreamableSubset = (delegate* unmanaged<nint, int, int>)Export("FLAC__stream_encoder_set_streamable_subset"),
            EncoderSetTotalSamplesEstimate = (delegate* unmanaged<nint, ulong, int>)Export("FLAC__stream_encoder_set_total_samples_estimate"),
            EncoderInitStream = (delegate* unmanaged<nint, delegate* unmanaged<nint, byte*, nuint, uint, uint, nint, int>, delegate* unmanaged<nint, ulong, nint, int>, delegate* unmanaged<nint, ulong*, nint, int>, nint, nint, int>)Export("FLAC__stream_encoder_init_stream"),
            EncoderProcessInterleaved = (delegate* unmanaged<nint, int*, uint, int>)Export("FLAC__stream_encoder_process_interleaved"),
            EncoderFinish = (delegate* unmanaged<nint, int>)Export("FLAC__stream_encoder_finish"),
            EncoderResolvedState = (delegate* unmanaged<nint, nint>)Export("FLAC__stream_encoder_get_resolved_state_string"),
            DecoderNew = (delegate* unmanaged<nint>)Export("FLAC__stream_decoder_new"),
            DecoderDelete = (delegate* unmanaged<nint, void>)Export("FLAC__stream_decoder_delete"),
            DecoderSetMd5Checking = (delegate* unmanaged<nint, int, int>)Export("FLAC__stream_decoder_set_md5_checking"),
            DecoderInitStream = (delegate* unmanaged<nint, delegate* unmanaged<nint, byte*, nuint*, nint, int>, nint, nint, nint, nint, delegate* unmanaged<nint, nint, int**, nint, int>, delegate* unmanaged<nint, byte*, nint, void>, delegate* unmanaged<nint, int, nint, void>, nint, int>)Export("FLAC__stream_decoder_init_stream"),
            DecoderProcessUntilEndOfMetadata = (delegate* unmanaged<nint, int>)Export("FLAC__stream_decoder_process_until_end_of_metadata"),
            DecoderProcessUntilEndOfStream = (delegate* unmanaged<nint, int>)Export("FLAC__stream_decoder_process_until_end_of_stream"),
            DecoderFinish = (delegate* unmanaged<nint, int>)Export("FLAC__stream_decoder_finish"),
            DecoderResolvedState = (delegate* unmanaged<nint, nint>)Export("FLAC__stream_decoder_get_resolved_state_string"),
            DecoderErrorStatusStrings = Export("FLAC__StreamDecoderErrorStatusString"),
        };
    }

    private static nint Load() => SystemLibrary.Load("HARK_LIBFLAC",
        OperatingSystem.IsWindows() ? ["FLAC.dll", "libFLAC.dll"]
            : OperatingSystem.IsMacOS() ? ["libFLAC.12.dylib", "libFLAC.dylib"]
            : ["libFLAC.so.12", "libFLAC.so"],
        "libflac12", message => new FlacException(message));
}
