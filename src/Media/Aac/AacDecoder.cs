using Hark.Codec.Adts;
using Hark.Media.Aac.Native;
using Hark.Media.Errors;

namespace Hark.Media.Aac;

/// <summary>
/// An in-process AAC decoder over the system's libavcodec: raw frames in (no ADTS header), interleaved floats out.
/// Not thread-safe; rent one per request from <see cref="AacDecoderPool"/>. Every libav return code is checked,
/// so a damaged frame becomes an <see cref="AacDecodeException"/>, never a crash.
/// </summary>
public sealed unsafe class AacDecoder : IDisposable
{
    public const int SamplesPerFrame = AdtsHeader.SamplesPerRawDataBlock;

    /// <summary>Largest output of one frame per channel (HE-AAC doubles the LC frame); size scratch buffers by it.</summary>
    public const int MaxSamplesPerFrame = 2 * SamplesPerFrame;

    private readonly byte[]? _silentFrame;
    private readonly float[] _discard;
    private nint _context;
    private bool _damaged;
    private nint _packet;
    private nint _frame;
    private nint _input;
    private int _inputCapacity;

    public AacDecoder(ReadOnlySpan<byte> audioSpecificConfig, int sampleRate, int channels)
    {
        var format = AdtsStreamFormat.FromAudioSpecificConfig(audioSpecificConfig);
        int configChannels = format.ChannelConfiguration == 7 ? 8 : format.ChannelConfiguration;
        if (format.SampleRate != sampleRate || (configChannels != 0 && configChannels != channels) || channels is < 1 or > 8)
        {
            throw new ArgumentException(
                $"AudioSpecificConfig says {format.SampleRate} Hz, {configChannels} channels; asked for {sampleRate} Hz, {channels} channels");
        }
        LibAvLoader.EnsureReady();
        AudioSpecificConfig = audioSpecificConfig.ToArray();
        SampleRate = sampleRate;
        Channels = channels;
        // Channel configuration 0 (layout in a program config element) has no standard element order: such
        // decoders are reopened on reset instead.
        _silentFrame = format.ChannelConfiguration == 0 ? null : AacSilentFrame.For(format.ChannelConfiguration);
        _discard = new float[MaxSamplesPerFrame * channels];
        try
        {
            Open();
        }
        catch
        {
            Release();
            throw;
        }
    }

    public byte[] AudioSpecificConfig { get; }

    public int SampleRate { get; }

    public int Channels { get; }

    /// <summary>The libavcodec in use, e.g. "59.37.100".</summary>
    public static string? LibraryVersion => LibAvLoader.CodecVersion;

    /// <summary>
    /// Decodes one raw frame into <paramref name="interleaved"/> (at least <see cref="MaxSamplesPerFrame"/> x Channels
    /// to be safe); returns samples per channel written, 0 if the decoder held the frame back.
    /// </summary>
    public int Decode(ReadOnlySpan<byte> rawFrame, Span<float> interleaved)
    {
        ObjectDisposedException.ThrowIf(_context == 0, this);
        if (rawFrame.IsEmpty)
        {
            throw new ArgumentException("An AAC frame cannot be empty.", nameof(rawFrame));
        }
        SetPacket(rawFrame);
        try
        {
            int sent = LibAv.avcodec_send_packet(_context, _packet);
            if (sent < 0)
            {
                throw new AacDecodeException($"AAC frame rejected: {LibAv.ErrorText(sent)}", sent);
            }
            int received = LibAv.avcodec_receive_frame(_context, _frame);
            if (received == LibAv.ErrorAgain)
            {
                return 0;
            }
            if (received < 0)
            {
                throw new AacDecodeException($"AAC frame not decoded: {LibAv.ErrorText(received)}", received);
            }
            try
            {
                return CopyFrame(interleaved);
            }
            finally
            {
                LibAv.av_frame_unref(_frame);
            }
        }
        catch (AacDecodeException)
        {
            // A damaged frame may have reconfigured the decoder (a stray program config element, say): do not
            // trust its state again, Reset reopens it.
            _damaged = true;
            throw;
        }
    }

    /// <summary>True once a frame failed to decode; <see cref="Reset"/> then reopens the decoder.</summary>
    public bool IsDamaged => _damaged;

    /// <summary>
    /// Puts the decoder back in a new decoder's state, so the next frame decodes exactly as a stream's first frame
    /// would: flush, then a silent sine-window frame to clear the window shape the flush keeps.
    /// </summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_context == 0, this);
        if (_damaged || _silentFrame is null)
        {
            Reopen();
            return;
        }
        LibAv.avcodec_flush_buffers(_context);
        try
        {
            if (Decode(_silentFrame, _discard) == SamplesPerFrame)
            {
                return;
            }
        }
        catch (AacDecodeException)
        {
            // Falls through to the slower, certain way.
        }
        Reopen();
    }

    private void Reopen()
    {
        fixed (nint* context = &_context)
        {
            LibAv.avcodec_free_context(context);
        }
        _damaged = false;
        try
        {
            Open();
        }
        catch
        {
            Release();
            throw;
        }
    }

    private void Open()
    {
        nint codec = LibAv.avcodec_find_decoder(LibAv.CodecIdAac);
        if (codec == 0)
        {
            throw new AacDecodeException("this libavcodec has no AAC decoder");
        }
        _context = LibAv.avcodec_alloc_context3(codec);
        if (_packet == 0)
        {
            _packet = LibAv.av_packet_alloc();
        }
        if (_frame == 0)
        {
            _frame = LibAv.av_frame_alloc();
        }
        if (_context == 0 || _packet == 0 || _frame == 0)
        {
            throw new AacDecodeException("libavcodec could not allocate a decoder");
        }
        SetExtradata();
        Check(LibAv.av_opt_set_int(_context, "ar", SampleRate, 0), "setting the sample rate");
        Check(LibAv.av_opt_set_int(_context, "threads", 1, 0), "setting one thread");
        Check(LibAv.avcodec_open2(_context, codec, 0), "opening the AAC decoder");
    }

    /// <summary>
    /// Extradata goes in through AVCodecParameters, whose leading fields are stable across FFmpeg versions, rather
    /// than into AVCodecContext, whose layout is not. The copy is av_mallocz'd with padding, as libavcodec requires.
    /// </summary>
    private void SetExtradata()
    {
        nint parameters = LibAv.avcodec_parameters_alloc();
        if (parameters == 0)
        {
            throw new AacDecodeException("avcodec_parameters_alloc failed");
        }
        try
        {
            byte* p = (byte*)parameters;
            nint extradata = LibAv.av_mallocz((nuint)(AudioSpecificConfig.Length + LibAv.InputPadding));
            if (extradata == 0)
            {
                throw new AacDecodeException("av_mallocz failed");
            }
            AudioSpecificConfig.CopyTo(new Span<byte>((void*)extradata, AudioSpecificConfig.Length));
            *(int*)(p + LibAvLayout.ParametersCodecType) = LibAv.MediaTypeAudio;
            *(int*)(p + LibAvLayout.ParametersCodecId) = LibAv.CodecIdAac;
            *(nint*)(p + LibAvLayout.ParametersExtradata) = extradata; // freed with the parameters
            *(int*)(p + LibAvLayout.ParametersExtradataSize) = AudioSpecificConfig.Length;
            Check(LibAv.avcodec_parameters_to_context(_context, parameters), "passing the AudioSpecificConfig");
        }
        finally
        {
            LibAv.avcodec_parameters_free(&parameters);
        }
    }

    /// <summary>Copies the frame into a reused av_malloc'd buffer with zeroed padding and points the packet at it.</summary>
    private void SetPacket(ReadOnlySpan<byte> rawFrame)
    {
        int needed = rawFrame.Length + LibAv.InputPadding;
        if (needed > _inputCapacity)
        {
            LibAv.av_free(_input);
            _inputCapacity = 0;
            int capacity = Math.Max(needed, 2048);
            _input = LibAv.av_mallocz((nuint)capacity);
            if (_input == 0)
            {
                throw new AacDecodeException("av_mallocz failed");
            }
            _inputCapacity = capacity;
        }
        var input = new Span<byte>((void*)_input, needed);
        rawFrame.CopyTo(input);
        input[rawFrame.Length..].Clear();
        // buf stays null: a non-reference-counted packet, which avcodec_send_packet copies.
        byte* packet = (byte*)_packet;
        *(nint*)(packet + LibAvLayout.PacketData) = _input;
        *(int*)(packet + LibAvLayout.PacketSize) = rawFrame.Length;
    }

    private int CopyFrame(Span<float> interleaved)
    {
        byte* frame = (byte*)_frame;
        int samples = *(int*)(frame + LibAvLayout.FrameNbSamples);
        int format = *(int*)(frame + LibAvLayout.FrameFormat);
        if (format != LibAv.SampleFormatFltp)
        {
            throw new AacDecodeException($"decoder produced sample format {format}, expected planar float ({LibAv.SampleFormatFltp})");
        }
        if (samples is < 0 or > MaxSamplesPerFrame)
        {
            throw new AacDecodeException($"decoder produced {samples} samples in one frame");
        }
        // Planar audio fills one data pointer per channel and leaves the rest null: that is the channel count.
        nint* planes = (nint*)(frame + LibAvLayout.FrameData);
        int channels = Channels;
        if (planes[channels - 1] == 0 || (channels < LibAvLayout.FrameDataPointers && planes[channels] != 0))
        {
            throw new AacDecodeException($"decoder output does not have {channels} channels");
        }
        if (samples * channels > interleaved.Length)
        {
            throw new ArgumentException($"Output holds {interleaved.Length} floats; the frame has {samples} x {channels}.", nameof(interleaved));
        }
        if (channels == 1)
        {
            new ReadOnlySpan<float>((void*)planes[0], samples).CopyTo(interleaved);
            return samples;
        }
        for (int c = 0; c < channels; c++)
        {
            var plane = new ReadOnlySpan<float>((void*)planes[c], samples);
            for (int i = 0, j = c; i < plane.Length; i++, j += channels)
            {
                interleaved[j] = plane[i];
            }
        }
        return samples;
    }

    private static void Check(int result, string what)
    {
        if (result < 0)
        {
            throw new AacDecodeException($"libavcodec failed {what}: {LibAv.ErrorText(result)}", result);
        }
    }

    private void Release()
    {
        // The packet does not own _input (buf is null): freed below.
        LibAv.FreeCoder(ref _context, ref _packet, ref _frame);
        if (_input != 0)
        {
            LibAv.av_free(_input);
            _input = 0;
            _inputCapacity = 0;
        }
    }

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    ~AacDecoder()
    {
        Release();
    }
}
