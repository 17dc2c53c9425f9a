using Hark.Codec.Adts;
using Hark.Media.Aac.Native;
using Hark.Media.Encode;
using Hark.Media.Errors;

namespace Hark.Media.Aac;

/// <summary>
/// libavcodec's native AAC encoder in process, set up as the ffmpeg command line sets it up for
/// <c>-c:a aac -aac_pns 0 -b:a N</c> (same options, planar float input in frames of 1024, a short last frame, a
/// flush), so it gives the command line's frames byte for byte. Interleaved floats in, raw frames (no ADTS) out.
/// Not thread-safe: one per encode.
/// </summary>
internal sealed unsafe class AacFrameEncoder : IDisposable
{
    public const int FrameSamples = AdtsHeader.SamplesPerRawDataBlock;

    private static readonly Lazy<Exception?> Unusable = new(CheckUsable);

    private readonly int _channels;
    private nint _context;
    private nint _frame;
    private nint _packet;
    // An AAC frame holds at most 6144 bits (768 bytes) per channel.
    private byte[] _output = new byte[768 * 6];
    private bool _flushed;

    public AacFrameEncoder(AacEncoderSettings settings)
        : this(settings, checkUsable: true)
    {
    }

    private AacFrameEncoder(AacEncoderSettings settings, bool checkUsable)
    {
        settings.Validate();
        if (checkUsable && Unusable.Value is { } failure)
        {
            throw new AacEncodeException(failure.Message);
        }
        _channels = settings.Channels;
        try
        {
            Open(settings);
        }
        catch
        {
            Release();
            throw;
        }
    }

    /// <summary>The encoder as archive metadata names it, e.g. "libavcodec 59.37.100 aac".</summary>
    public static string Name => $"libavcodec {LibAvLoader.CodecVersion} aac";

    /// <summary>
    /// Deinterleaves up to <see cref="FrameSamples"/> frames into the encoder's planar input and sends them; fewer
    /// only as the last input before <see cref="Flush"/>.
    /// </summary>
    public void Send(ReadOnlySpan<float> interleaved)
    {
        ObjectDisposedException.ThrowIf(_context == 0, this);
        int frames = interleaved.Length / _channels;
        if (frames is 0 or > FrameSamples || frames * _channels != interleaved.Length || _flushed)
        {
            throw new ArgumentException($"An AAC input frame holds 1 to {FrameSamples} samples per channel, whole frames, before the flush.", nameof(interleaved));
        }
        Check(LibAv.av_frame_make_writable(_frame), "making the input frame writable");
        byte* frame = (byte*)_frame;
        *(int*)(frame + LibAvLayout.FrameNbSamples) = frames;
        nint* planes = (nint*)(frame + LibAvLayout.FrameData);
        if (_channels == 1)
        {
            interleaved.CopyTo(new Span<float>((void*)planes[0], frames));
        }
        else
        {
            for (int c = 0; c < _channels; c++)
            {
                var plane = new Span<float>((void*)planes[c], frames);
                for (int i = 0, j = c; i < plane.Length; i++, j += _channels)
                {
                    plane[i] = interleaved[j];
                }
            }
        }
        Check(LibAv.avcodec_send_frame(_context, _frame), "encoding a frame");
    }

    /// <summary>Ends the input: the frames the encoder holds back come out of <see cref="TryReceive"/>.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_context == 0, this);
        if (!_flushed)
        {
            _flushed = true;
            Check(LibAv.avcodec_send_frame(_context, 0), "flushing the encoder");
        }
    }

    /// <summary>The next raw frame, in a buffer reused by the next call; false when the encoder needs input or is done.</summary>
    public bool TryReceive(out ReadOnlyMemory<byte> rawFrame)
    {
        ObjectDisposedException.ThrowIf(_context == 0, this);
        rawFrame = default;
        int received = LibAv.avcodec_receive_packet(_context, _packet);
        if (received == LibAv.ErrorAgain || received == LibAv.ErrorEof)
        {
            return false;
        }
        Check(received, "receiving a frame");
        try
        {
            byte* packet = (byte*)_packet;
            int size = *(int*)(packet + LibAvLayout.PacketSize);
            nint data = *(nint*)(packet + LibAvLayout.PacketData);
            if (size <= 0 || data == 0)
            {
                throw new AacEncodeException($"the encoder gave an empty packet ({size} bytes)");
            }
            if (size > _output.Length)
            {
                _output = new byte[size];
            }
            new ReadOnlySpan<byte>((void*)data, size).CopyTo(_output);
            rawFrame = _output.AsMemory(0, size);
            return true;
        }
        finally
        {
            LibAv.av_packet_unref(_packet);
        }
    }

    public static byte[] AudioSpecificConfigFor(AacEncoderSettings settings)
    {
        AdtsSampleRates.TryGetIndex(settings.SampleRate, out int index);
        return new AdtsStreamFormat(2, index, settings.Channels).ToAudioSpecificConfig();
    }

    private void Open(AacEncoderSettings settings)
    {
        nint codec = LibAv.avcodec_find_encoder_by_name("aac");
        if (codec == 0)
        {
            throw new AacEncodeException("this libavcodec has no native AAC encoder");
        }
        _context = LibAv.avcodec_alloc_context3(codec);
        _frame = LibAv.av_frame_alloc();
        _packet = LibAv.av_packet_alloc();
        if (_context == 0 || _frame == 0 || _packet == 0)
        {
            throw new AacEncodeException("libavcodec could not allocate an encoder");
        }
        // The context is set through AVOptions, by name, except sample_fmt, which encoders have no option for.
        string layout = AacChannelLayouts.ForChannels(settings.Channels);
        Check(LibAv.av_opt_set_int(_context, "ar", settings.SampleRate, 0), "setting the sample rate");
        SetPlanarFloat(settings.SampleRate);
        Check(LibAv.av_opt_set(_context, "ch_layout", layout, 0), "setting the channel layout");
        Check(LibAv.av_opt_set_int(_context, "b", settings.EffectiveBitRate, 0), "setting the bit rate");
        Check(LibAv.av_opt_set_int(_context, "threads", 1, 0), "setting one thread");
        // Perceptual noise substitution off: its decoder-side random noise would make two decodes of one frame differ.
        Check(LibAv.av_opt_set_int(_context, "aac_pns", 0, LibAv.OptionSearchChildren), "turning perceptual noise substitution off");
        Check(LibAv.avcodec_open2(_context, codec, 0), "opening the AAC encoder");
        int frameSize = *(int*)((byte*)_context + LibAvLayout.ContextSampleRate(LibAvLoader.CodecMajor)!.Value + LibAvLayout.ContextFrameSizeAfterRate);
        if (frameSize != FrameSamples)
        {
            throw new AacEncodeException($"the AAC encoder takes frames of {frameSize} samples, not {FrameSamples}");
        }

        byte* frame = (byte*)_frame;
        int channelLayout = LibAvLayout.FrameChannelLayout(LibAvLoader.UtilMajor)!.Value;
        Check(LibAv.av_channel_layout_from_string((nint)(frame + channelLayout), layout), "setting the frame's channel layout");
        *(int*)(frame + LibAvLayout.FrameNbSamples) = FrameSamples;
        *(int*)(frame + LibAvLayout.FrameFormat) = LibAv.SampleFormatFltp;
        Check(LibAv.av_frame_get_buffer(_frame, 0), "allocating the input frame");
        // One plane per channel and no more, each long enough for a frame: else the channel layout was not where it was written.
        nint* planes = (nint*)(frame + LibAvLayout.FrameData);
        int* linesize = (int*)(frame + LibAvLayout.FrameLinesize);
        if (planes[_channels - 1] == 0 || (_channels < LibAvLayout.FrameDataPointers && planes[_channels] != 0) || linesize[0] < FrameSamples * sizeof(float))
        {
            throw new AacEncodeException($"AVFrame layout of libavutil {LibAvLoader.UtilMajor} is not the expected one");
        }
    }

    /// <summary>Writes sample_fmt where <see cref="LibAvLayout"/> says, once the neighbouring fields prove the offset.</summary>
    private void SetPlanarFloat(int sampleRate)
    {
        byte* rate = (byte*)_context + LibAvLayout.ContextSampleRate(LibAvLoader.CodecMajor)!.Value;
        int* format = (int*)(rate + LibAvLayout.ContextSampleFormatAfterRate);
        if (*(int*)rate != sampleRate || *format != LibAv.SampleFormatNone)
        {
            throw new AacEncodeException($"AVCodecContext layout of libavcodec {LibAvLoader.CodecVersion} is not the expected one");
        }
        *format = LibAv.SampleFormatFltp;
    }

    /// <summary>
    /// Once per process: the libraries load, this libavutil's AVFrame layout is known, and a sine encoded here
    /// decodes back to that sine (a wrong offset gives an error, silence or noise, not a wrong archive).
    /// </summary>
    private static Exception? CheckUsable()
    {
        try
        {
            LibAvLoader.EnsureReady();
            if (LibAvLayout.FrameChannelLayout(LibAvLoader.UtilMajor) is null || LibAvLayout.ContextSampleRate(LibAvLoader.CodecMajor) is null)
            {
                return new AacEncodeException(
                    $"the in-process AAC encoder knows the struct layouts of libavcodec 59 with libavutil 57 (FFmpeg 5.1), not of the loaded libavcodec {LibAvLoader.CodecVersion} with libavutil {LibAvLoader.UtilMajor}");
            }
            RoundTrip();
            return null;
        }
        catch (Exception e) when (e is AacDecodeException or AacEncodeException or DllNotFoundException or EntryPointNotFoundException)
        {
            return e;
        }
    }

    private static void RoundTrip()
    {
        var settings = new AacEncoderSettings(8000, 1, 24_000);
        var frames = new List<byte[]>();
        using (var encoder = new AacFrameEncoder(settings, checkUsable: false))
        {
            var sine = new float[FrameSamples];
            for (int n = 0; n < 4; n++)
            {
                for (int i = 0; i < sine.Length; i++)
                {
                    sine[i] = 0.125f * MathF.Sin(2 * MathF.PI * 440 * (n * FrameSamples + i) / settings.SampleRate);
                }
                encoder.Send(sine);
                while (encoder.TryReceive(out var frame))
                {
                    frames.Add(frame.ToArray());
                }
            }
            encoder.Flush();
            while (encoder.TryReceive(out var frame))
            {
                frames.Add(frame.ToArray());
            }
        }
        if (frames.Count < 4)
        {
            throw new AacEncodeException($"self-test: 4 frames of input gave {frames.Count} frames");
        }
        using var decoder = new AacDecoder(AudioSpecificConfigFor(settings), settings.SampleRate, 1);
        var decoded = new float[AacDecoder.MaxSamplesPerFrame];
        float peak = 0;
        foreach (var frame in frames.Take(3))
        {
            int samples = decoder.Decode(frame, decoded);
            foreach (float s in decoded.AsSpan(0, samples))
            {
                peak = Math.Max(peak, Math.Abs(s));
            }
        }
        if (!(peak is > 0.05f and < 0.5f))
        {
            throw new AacEncodeException($"self-test: the encoded sine decodes to peak {peak}, not the sine's 0.125");
        }
    }

    private static void Check(int result, string what)
    {
        if (result < 0)
        {
            throw new AacEncodeException($"libavcodec failed {what}: {LibAv.ErrorText(result)}", result);
        }
    }

    private void Release() => LibAv.FreeCoder(ref _context, ref _packet, ref _frame);

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    ~AacFrameEncoder()
    {
        Release();
    }
}
