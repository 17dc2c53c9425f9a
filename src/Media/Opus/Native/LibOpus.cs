using System.Runtime.InteropServices;
using Hark.Media.Errors;
using Hark.Media.Tools;

namespace Hark.Media.Opus.Native;

/// <summary>
/// The libopus functions Hark calls, bound once per process as function pointers from the library the system has
/// (libopus.so.0 on Debian, from libopus0; HARK_LIBOPUS may name the file). Function pointers rather than
/// [LibraryImport]: the assembly's one DllImport resolver belongs to the libavcodec loader, and a failed load here
/// must become one clear <see cref="OpusException"/>, not a DllNotFoundException at the first call.
/// </summary>
/// <remarks>
/// The *_ctl functions are variadic in C. They are called through fixed two-argument signatures (one int or one
/// pointer after the request), which is what a variadic call of one integer-class argument compiles to on x86-64
/// System V and Windows and on AArch64 Linux; Apple's AArch64 ABI passes variadic arguments on the stack and would
/// need another binding.
/// </remarks>
internal static unsafe class LibOpus
{
    internal const int Ok = 0;
    internal const int ApplicationAudio = 2049;
    internal const int SetBitrateRequest = 4002;
    internal const int SetVbrRequest = 4006;
    internal const int SetComplexityRequest = 4010;
    internal const int SetDtxRequest = 4016;
    internal const int GetLookaheadRequest = 4027;
    internal const int ResetState = 4028;

    private static readonly Lazy<Functions> Bound = new(Bind, LazyThreadSafetyMode.ExecutionAndPublication);

    internal static Functions F => Bound.Value;

    /// <summary>"libopus 1.3.1": the library's own version string.</summary>
    internal static string Version => Marshal.PtrToStringUTF8(F.GetVersionString()) ?? "libopus";

    internal static string ErrorText(int error) => Marshal.PtrToStringUTF8(F.Strerror(error)) ?? $"error {error}";

    internal sealed class Functions
    {
        public required delegate* unmanaged<nint> GetVersionString;
        public required delegate* unmanaged<int, nint> Strerror;
        public required delegate* unmanaged<int, int, int, int*, nint> EncoderCreate;
        public required delegate* unmanaged<nint, int, int, int> EncoderCtlInt;
        public required delegate* unmanaged<nint, int, int*, int> EncoderCtlGet;
        public required delegate* unmanaged<nint, float*, int, byte*, int, int> EncodeFloat;
        public required delegate* unmanaged<nint, void> EncoderDestroy;
        public required delegate* unmanaged<int, int, int*, nint> DecoderCreate;
        public required delegate* unmanaged<nint, int, int> DecoderCtl;
        public required delegate* unmanaged<nint, byte*, int, float*, int, int, int> DecodeFloat;
        public required delegate* unmanaged<nint, void> DecoderDestroy;
        public required delegate* unmanaged<int, int, int, int*, int*, byte*, int, int*, nint> MsSurroundEncoderCreate;
        public required delegate* unmanaged<nint, int, int, int> MsEncoderCtlInt;
        public required delegate* unmanaged<nint, int, int*, int> MsEncoderCtlGet;
        public required delegate* unmanaged<nint, float*, int, byte*, int, int> MsEncodeFloat;
        public required delegate* unmanaged<nint, void> MsEncoderDestroy;
        public required delegate* unmanaged<int, int, int, int, byte*, int*, nint> MsDecoderCreate;
        public required delegate* unmanaged<nint, int, int> MsDecoderCtl;
        public required delegate* unmanaged<nint, byte*, int, float*, int, int, int> MsDecodeFloat;
        public required delegate* unmanaged<nint, void> MsDecoderDestroy;
    }

    private static Functions Bind()
    {
        nint library = Load();
        nint Export(string name) => NativeLibrary.TryGetExport(library, name, out var address)
            ? address
            : throw new OpusException($"libopus lacks {name}");
        return new Functions
        {
            GetVersionString = (delegate* unmanaged<nint>)Export("opus_get_version_string"),
            Strerror = (delegate* unmanaged<int, nint>)Export("opus_strerror"),
            EncoderCreate = (delegate* unmanaged<int, int, int, int*, nint>)Export("opus_encoder_create"),
            EncoderCtlInt = (delegate* unmanaged<nint, int, int, int>)Export("opus_encoder_ctl"),
            EncoderCtlGet = (delegate* unmanaged<nint, int, int*, int>)Export("opus_encoder_ctl"),
            EncodeFloat = (delegate* unmanaged<nint, float*, int, byte*, int, int>)Export("opus_encode_float"),
            EncoderDestroy = (delegate* unmanaged<nint, void>)Export("opus_encoder_destroy"),
            DecoderCreate = (delegate* unmanaged<int, int, int*, nint>)Export("opus_decoder_create"),
            DecoderCtl = (delegate* unmanaged<nint, int, int>)Export("opus_decoder_ctl"),
            DecodeFloat = (delegate* unmanaged<nint, byte*, int, float*, int, int, int>)Export("opus_decode_float"),
            DecoderDestroy = (delegate* unmanaged<nint, void>)Export("opus_decoder_destroy"),
            MsSurroundEncoderCreate = (delegate* unmanaged<int, int, int, int*, int*, byte*, int, int*, nint>)Export("opus_multistream_surround_encoder_create"),
            MsEncoderCtlInt = (delegate* unmanaged<nint, int, int, int>)Export("opus_multistream_encoder_ctl"),
            MsEncoderCtlGet = (delegate* unmanaged<nint, int, int*, int>)Export("opus_multistream_encoder_ctl"),
            MsEncodeFloat = (delegate* unmanaged<nint, float*, int, byte*, int, int>)Export("opus_multistream_encode_float"),
            MsEncoderDestroy = (delegate* unmanaged<nint, void>)Export("opus_multistream_encoder_destroy"),
            MsDecoderCreate = (delegate* unmanaged<int, int, int, int, byte*, int*, nint>)Export("opus_multistream_decoder_create"),
            MsDecoderCtl = (delegate* unmanaged<nint, int, int>)Export("opus_multistream_decoder_ctl"),
            MsDecodeFloat = (delegate* unmanaged<nint, byte*, int, float*, int, int, int>)Export("opus_multistream_decode_float"),
            MsDecoderDestroy = (delegate* unmanaged<nint, void>)Export("opus_multistream_decoder_destroy"),
        };
    }

    private static nint Load() => SystemLibrary.Load("HARK_LIBOPUS",
        OperatingSystem.IsWindows() ? ["opus.dll", "libopus-0.dll"]
            : OperatingSystem.IsMacOS() ? ["libopus.0.dylib", "libopus.dylib"]
            : ["libopus.so.0", "libopus.so"],
        "libopus0", message => new OpusException(message));
}
