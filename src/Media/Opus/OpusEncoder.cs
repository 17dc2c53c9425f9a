using Hark.Media.Errors;
using Hark.Media.Opus.Native;

namespace Hark.Media.Opus;

/// <summary>
/// A libopus encoder of 20 ms packets at 48 kHz: complexity 10, VBR, DTX off (every packet carries its 20 ms, so
/// packet n always starts at sample 960 n and silence stays silence rather than a gap). Mono and stereo use the plain
/// encoder; 3 to 8 channels libopus's surround multistream encoder (mapping family 1, <see cref="OpusChannelMapping"/>),
/// fed in Vorbis order from Hark's WAV order. Not thread-safe.
/// </summary>
public sealed unsafe class OpusEncoder : IDisposable
{
    private readonly float[] _vorbis;
    private nint _encoder;

    public OpusEncoder(int channels, int bitRate)
    {
        if (!OpusFormat.IsSupported(channels))
        {
            throw new UnsupportedMediaException($"Opus in Hark carries 1 to {OpusFormat.MaxChannels} channels, not {channels}; use --codec aac or lac");
        }
        if (!OpusFormat.IsSupportedBitRate(bitRate, channels))
        {
            throw new UnsupportedMediaException(
                $"an Opus bit rate for {channels} channel{(channels == 1 ? "" : "s")} must be {OpusFormat.MinBitRate / 1000}k to {OpusFormat.MaxBitRateFor(channels) / 1000}k, not {bitRate}");
        }
        Mapping = OpusChannelMapping.For(channels);
        _vorbis = Mapping.IsMultistream ? new float[OpusFormat.SamplesPerPacket * channels] : [];
        Channels = channels;
        BitRate = bitRate;
        _encoder = Mapping.IsMultistream ? CreateSurround(channels) : CreatePlain(channels);
        try
        {
            Set(LibOpus.SetBitrateRequest, bitRate, "bit rate");
            Set(LibOpus.SetComplexityRequest, 10, "complexity");
            Set(LibOpus.SetVbrRequest, 1, "VBR");
            Set(LibOpus.SetDtxRequest, 0, "DTX");
            int lookahead;
            var f = LibOpus.F;
            Check(Mapping.IsMultistream
                ? f.MsEncoderCtlGet(_encoder, LibOpus.GetLookaheadRequest, &lookahead)
                : f.EncoderCtlGet(_encoder, LibOpus.GetLookaheadRequest, &lookahead), "lookahead");
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

    /// <summary>The streams and channel mapping the packets carry (family 0 for mono and stereo).</summary>
    public OpusChannelMapping Mapping { get; }

    /// <summary>
    /// Samples the encoder delays its output by (312 at 48 kHz for libopus 1.3): the stream's pre-skip, the decoded
    /// samples before the first source sample.
    /// </summary>
    public int Lookahead { get; }

    /// <summary>"libopus 1.3.1".</summary>
    public static string LibraryVersion => LibOpus.Version;

    /// <summary>Encodes 960 interleaved samples per channel (Hark's channel order) into <paramref name="packet"/>; returns its length.</summary>
    public int Encode(ReadOnlySpan<float> interleaved, Span<byte> packet)
    {
        ObjectDisposedException.ThrowIf(_encoder == 0, this);
        if (interleaved.Length != OpusFormat.SamplesPerPacket * Channels)
        {
            throw new ArgumentException($"an Opus packet takes {OpusFormat.SamplesPerPacket} x {Channels} samples, not {interleaved.Length}", nameof(interleaved));
        }
        if (Mapping.IsMultistream)
        {
            Mapping.ToVorbis(interleaved, _vorbis, OpusFormat.SamplesPerPacket);
            interleaved = _vorbis;
        }
        int length;
        fixed (float* pcm = interleaved)
        fixed (byte* data = packet)
        {
            length = Mapping.IsMultistream
                ? LibOpus.F.MsEncodeFloat(_encoder, pcm, OpusFormat.SamplesPerPacket, data, packet.Length)
                : LibOpus.F.EncodeFloat(_encoder, pcm, OpusFormat.SamplesPerPacket, data, packet.Length);
        }
        if (length <= 0)
        {
            throw new OpusException($"opus_encode_float failed: {(length < 0 ? LibOpus.ErrorText(length) : "empty packet")}");
        }
        return length;
    }

    private static nint CreatePlain(int channels)
    {
        int error;
        nint encoder = LibOpus.F.EncoderCreate(OpusFormat.SampleRate, channels, LibOpus.ApplicationAudio, &error);
        return encoder != 0 && error == LibOpus.Ok ? encoder : throw new OpusException($"opus_encoder_create failed: {LibOpus.ErrorText(error)}");
    }

    /// <summary>The surround encoder chooses streams and mapping itself; they must be the ones the decoder and dOps assume.</summary>
    private nint CreateSurround(int channels)
    {
        int error, streams, coupled;
        var mapping = new byte[channels];
        nint encoder;
        fixed (byte* table = mapping)
        {
            encoder = LibOpus.F.MsSurroundEncoderCreate(OpusFormat.SampleRate, channels, Mapping.Family, &streams, &coupled, table,
                LibOpus.ApplicationAudio, &error);
        }
        if (encoder == 0 || error != LibOpus.Ok)
        {
            throw new OpusException($"opus_multistream_surround_encoder_create failed: {LibOpus.ErrorText(error)}");
        }
        if (streams != Mapping.Streams || coupled != Mapping.CoupledStreams || !mapping.AsSpan().SequenceEqual(Mapping.Mapping))
        {
            LibOpus.F.MsEncoderDestroy(encoder);
            throw new OpusException(
                $"{LibraryVersion} lays out {channels} channels as {streams} streams ({coupled} coupled), mapping {Convert.ToHexString(mapping)}, not as RFC 7845 family 1 and Hark expect");
        }
        return encoder;
    }

    private void Set(int request, int value, string what) => Check(Mapping.IsMultistream
        ? LibOpus.F.MsEncoderCtlInt(_encoder, request, value)
        : LibOpus.F.EncoderCtlInt(_encoder, request, value), what);

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
            if (Mapping.IsMultistream)
            {
                LibOpus.F.MsEncoderDestroy(_encoder);
            }
            else
            {
                LibOpus.F.EncoderDestroy(_encoder);
            }
            _encoder = 0;
        }
    }
}
