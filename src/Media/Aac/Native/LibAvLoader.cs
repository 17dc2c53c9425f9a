using System.Reflection;
using System.Runtime.InteropServices;
using Hark.Media.Errors;

namespace Hark.Media.Aac.Native;

/// <summary>
/// Finds the system's libavcodec and the libavutil it was built with, then checks, once per process, that the
/// struct offsets Hark relies on hold for that build. HARK_LIBAVCODEC / HARK_LIBAVUTIL may name the files.
/// </summary>
internal static unsafe class LibAvLoader
{
    /// <summary>libavcodec major versions tried, in order, with the libavutil major each ships with.</summary>
    private static readonly (int Codec, int Util)[] Majors = [(59, 57), (60, 58), (61, 59), (58, 56), (62, 60)];

    private static readonly object Gate = new();
    private static int _state; // 0 not loaded, 1 libraries loaded and self-test running, 2 ready
    private static Exception? _failure;
    private static nint _avcodec;
    private static nint _avutil;

    /// <summary>Loaded libavcodec version, e.g. "59.37.100".</summary>
    public static string? CodecVersion { get; private set; }

    /// <summary>Loaded libavcodec's major version, e.g. 59.</summary>
    public static int CodecMajor { get; private set; }

    /// <summary>Loaded libavutil's major version, e.g. 57.</summary>
    public static int UtilMajor { get; private set; }

    public static void EnsureReady()
    {
        if (Volatile.Read(ref _state) == 2)
        {
            return;
        }
        lock (Gate)
        {
            // The self-test builds a decoder, which comes back here on the same thread while _state is 1.
            if (_state != 0)
            {
                return;
            }
            if (_failure is not null)
            {
                throw new AacDecodeException(_failure.Message);
            }
            try
            {
                Load();
                _state = 1;
                CheckPacketLayout();
                LibAvSelfTest.Run();
                Volatile.Write(ref _state, 2);
            }
            catch (Exception e)
            {
                _state = 0;
                _failure = e;
                throw e as AacDecodeException ?? new AacDecodeException($"libavcodec unusable: {e.Message}");
            }
        }
    }

    private static void Load()
    {
        NativeLibrary.SetDllImportResolver(typeof(LibAvLoader).Assembly, Resolve);
        int major = LoadCodec();
        _avutil = LoadUtil(major);
        uint codec = LibAv.avcodec_version();
        uint util = LibAv.avutil_version();
        CodecVersion = $"{codec >> 16}.{(codec >> 8) & 0xFF}.{codec & 0xFF}";
        if (codec >> 16 is < 58 or > 62)
        {
            throw new AacDecodeException($"libavcodec {CodecVersion} is outside the supported majors 58..62");
        }
        if (major != 0 && codec >> 16 != major)
        {
            throw new AacDecodeException($"libavcodec reports {CodecVersion} but the file loaded was major {major}");
        }
        // The encoder's closing statistics ("Qavg: ...") and the decoder's warnings would land on the CLI's stderr.
        LibAv.av_log_set_level(LibAv.LogQuiet);
        CodecMajor = (int)(codec >> 16);
        UtilMajor = (int)(util >> 16);
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path) => name switch
    {
        LibAv.AvCodec => _avcodec,
        LibAv.AvUtil => _avutil,
        _ => 0,
    };

    /// <summary>Loads libavcodec; returns its major from the file name, 0 when an override path was used.</summary>
    private static int LoadCodec()
    {
        if (Environment.GetEnvironmentVariable("HARK_LIBAVCODEC") is { Length: > 0 } overridden)
        {
            _avcodec = NativeLibrary.Load(overridden);
            return 0;
        }
        foreach (var (codec, _) in Majors)
        {
            foreach (var candidate in Names("avcodec", codec))
            {
                if (NativeLibrary.TryLoad(candidate, out _avcodec))
                {
                    return codec;
                }
            }
        }
        throw new AacDecodeException(
            $"libavcodec not found (tried majors {string.Join(", ", Majors.Select(m => m.Codec))}); install FFmpeg's shared libraries or set HARK_LIBAVCODEC");
    }

    private static nint LoadUtil(int codecMajor)
    {
        if (Environment.GetEnvironmentVariable("HARK_LIBAVUTIL") is { Length: > 0 } overridden)
        {
            return NativeLibrary.Load(overridden);
        }
        // libavcodec loaded by path pulls in its own libavutil, so the matching name resolves to that same copy.
        var majors = codecMajor == 0 ? Majors.Select(m => m.Util) : Majors.Where(m => m.Codec == codecMajor).Select(m => m.Util);
        foreach (int util in majors)
        {
            foreach (var candidate in Names("avutil", util))
            {
                if (NativeLibrary.TryLoad(candidate, out var handle))
                {
                    return handle;
                }
            }
        }
        throw new AacDecodeException($"libavutil matching libavcodec {codecMajor} not found; set HARK_LIBAVUTIL");
    }

    private static IEnumerable<string> Names(string library, int major)
    {
        if (OperatingSystem.IsWindows())
        {
            yield return $"{library}-{major}.dll";
        }
        else if (OperatingSystem.IsMacOS())
        {
            yield return $"lib{library}.{major}.dylib";
        }
        else
        {
            yield return $"lib{library}.so.{major}";
        }
    }

    /// <summary>av_new_packet fills buf, data and size: they must sit where <see cref="LibAvLayout"/> says.</summary>
    private static void CheckPacketLayout()
    {
        nint packet = LibAv.av_packet_alloc();
        if (packet == 0)
        {
            throw new AacDecodeException("av_packet_alloc failed");
        }
        try
        {
            const int size = 123;
            int result = LibAv.av_new_packet(packet, size);
            if (result < 0)
            {
                throw new AacDecodeException($"av_new_packet failed: {LibAv.ErrorText(result)}");
            }
            byte* p = (byte*)packet;
            nint buffer = *(nint*)(p + LibAvLayout.PacketBuf);
            nint data = *(nint*)(p + LibAvLayout.PacketData);
            int actualSize = *(int*)(p + LibAvLayout.PacketSize);
            bool matches = buffer != 0 && data != 0 && actualSize == size && *(nint*)((byte*)buffer + LibAvLayout.BufferRefData) == data;
            LibAv.av_packet_unref(packet);
            if (!matches)
            {
                throw new AacDecodeException($"AVPacket layout of libavcodec {CodecVersion} is not the expected one");
            }
        }
        finally
        {
            LibAv.av_packet_free(&packet);
        }
    }
}
