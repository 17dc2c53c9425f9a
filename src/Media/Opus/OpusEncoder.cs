using Hark.Media.Errors;
using Hark.Media.Opus.Native;

namespace Hark.Media.Opus;

/// <summary>
/// A libopus encoder of 20 ms packets at 48 kHz: complexity 10, VBR, DTX off (every packet carries its 20 ms, so
/// packet n always starts at sample 960 n and silence stays silence rather than a gap). Not thread-safe.
/// </summary>
public sealed unsafe class OpusEncoder : IDisposable
{
    private nint _encoder;

    public OpusEncoder(int channels, int bitRate)
    {
        if (!OpusFormat.IsSupported(channels))
        {
            throw new UnsupportedMediaException($"Opus in Hark carries 1 or 2 channels, not {channels}; use --codec aac or lac");
        }
        if (!OpusFormat.IsSupportedBitRate(bitRate))
        {
            throw new UnsupportedMediaException($"an Opus bit rate must be 6k to 510k, not {bitRate}");
        }
        var f = LibOpus.F;
        int error;
        _encoder = f.EncoderCreate(OpusFormat.SampleRate, channels, LibOpus.ApplicationAudio, &error);
        if (_encoder == 0 || error != LibOpus.Ok)
        {
            throw new OpusException($"opus_encoder_create failed: {LibOpus.ErrorText(error)}");
        }
        Channels = channels;
        BitRate = bitRate;
        try
        {
            Set(LibOpus.SetBitrateRequest, bitRate, "bit rate");
            Set(LibOpus.SetComplexityRequest, 10, "complexity");
            Set(LibOpus.SetVbrRequest, 1, "VBR");
            Set(LibOpus.SetDtxRequest, 0, "DTX");
            int lookahead;
            Check(f.EncoderCtlGet(_encoder, LibOpus.GetLookaheadRequest, &lookahead), "lookahead");
            Lookahead = lookahead;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Channels { get; }

    public int BitRate { get; }

    /// <summary>
    /// Samples the encoder delays its output by (312 at 48 kHz for libopus 1.3): the stream's pre-skip, the decoded
    /// samples before the first source sample.
    /// </summary>
    public int Lookahead { get; }

    /// <summary>"libopus 1.3.1".</summary>
    public static string LibraryVersion => LibOpus.Version;

    /// <summary>Encodes 960 interleaved samples per channel into <paramref name="packet"/>; returns the packet's length.</summary>
    public int Encode(ReadOnlySpan<float> interleaved, Span<byte> packet)
    {
        ObjectDisposedException.ThrowIf(_encoder == 0, this);
        if (interleaved.Length != OpusFormat.SamplesPerPacket * Channels)
        {
            throw new ArgumentException($"an Opus packet takes {OpusFormat.SamplesPerPacket} x {Channels} samples, not {interleaved.Length}", nameof(interleaved));
        }
        int length;
        fixed (float* pcm = interleaved)
        fixed (byte* data = packet)
        {
            length = LibOpus.F.EncodeFloat(_encoder, pcm, OpusFormat.SamplesPerPacket, data, packet.Length);
        }
        if (length <= 0)
        {
            throw new OpusException($"opus_encode_float failed: {(length < 0 ? LibOpus.ErrorText(length) : "empty packet")}");
        }
        return length;
    }

    private void Set(int request, int value, string what) => Check(LibOpus.F.EncoderCtlInt(_encoder, request, value), what);

    private static void Check(int result, string what)
    {
        if (result != LibOpus.Ok)
        {
            throw new OpusException($"libopus refused the {what}: {LibOpus.ErrorText(result)}");
        }
    }

    public void Dispose()
    {
        if (_encoder != 0)
        {
            LibOpus.F.EncoderDestroy(_encoder);
            _encoder = 0;
        }
    }
}
