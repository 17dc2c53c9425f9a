using Hark.Media.Errors;
using Hark.Media.Opus.Native;

namespace Hark.Media.Opus;

/// <summary>
/// A libopus decoder at 48 kHz: packets in, interleaved floats out, in Hark's (WAV) channel order. Mono and stereo
/// use the plain decoder, 3 to 8 channels the multistream one with <see cref="OpusChannelMapping"/>. Not thread-safe.
/// </summary>
public sealed unsafe class OpusDecoder : IDisposable
{
    /// <summary>The longest packet Opus has (120 ms): output buffers of this many samples per channel take any packet.</summary>
    public const int MaxSamplesPerPacket = 5760;

    private readonly float[] _vorbis;
    private nint _decoder;

    public OpusDecoder(int channels)
    {
        if (!OpusFormat.IsSupported(channels))
        {
            throw new UnsupportedMediaException($"Opus in Hark carries 1 to {OpusFormat.MaxChannels} channels, not {channels}");
        }
        Mapping = OpusChannelMapping.For(channels);
        Channels = channels;
        _vorbis = Mapping.IsMultistream ? new float[MaxSamplesPerPacket * channels] : [];
        int error;
        if (Mapping.IsMultistream)
        {
            fixed (byte* table = Mapping.Mapping)
            {
                _decoder = LibOpus.F.MsDecoderCreate(OpusFormat.SampleRate, channels, Mapping.Streams, Mapping.CoupledStreams, table, &error);
            }
        }
        else
        {
            _decoder = LibOpus.F.DecoderCreate(OpusFormat.SampleRate, channels, &error);
        }
        if (_decoder == 0 || error != LibOpus.Ok)
        {
            throw new OpusException($"opus decoder creation failed: {LibOpus.ErrorText(error)}");
        }
    }

    public int Channels { get; }

    public OpusChannelMapping Mapping { get; }

    /// <summary>Back to the state of a new decoder: what a read that starts mid-stream begins from.</summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_decoder == 0, this);
        int result = Mapping.IsMultistream
            ? LibOpus.F.MsDecoderCtl(_decoder, LibOpus.ResetState)
            : LibOpus.F.DecoderCtl(_decoder, LibOpus.ResetState);
        if (result != LibOpus.Ok)
        {
            throw new OpusException($"opus decoder reset failed: {LibOpus.ErrorText(result)}");
        }
    }

    /// <summary>Decodes one packet; returns samples per channel written to <paramref name="interleaved"/>.</summary>
    public int Decode(ReadOnlySpan<byte> packet, Span<float> interleaved)
    {
        ObjectDisposedException.ThrowIf(_decoder == 0, this);
        if (packet.IsEmpty)
        {
            throw new ArgumentException("an Opus packet cannot be empty (Hark's streams have no DTX gaps)", nameof(packet));
        }
        var output = Mapping.IsMultistream ? _vorbis : interleaved;
        int frames = Math.Min(output.Length, interleaved.Length) / Channels;
        int decoded;
        fixed (byte* data = packet)
        fixed (float* pcm = output)
        {
            decoded = Mapping.IsMultistream
                ? LibOpus.F.MsDecodeFloat(_decoder, data, packet.Length, pcm, frames, 0)
                : LibOpus.F.DecodeFloat(_decoder, data, packet.Length, pcm, frames, 0);
        }
        if (decoded < 0)
        {
            throw new OpusException($"opus_decode_float failed: {LibOpus.ErrorText(decoded)}");
        }
        if (Mapping.IsMultistream)
        {
            Mapping.FromVorbis(_vorbis, interleaved, decoded);
        }
        return decoded;
    }

    public void Dispose()
    {
        if (_decoder != 0)
        {
            if (Mapping.IsMultistream)
            {
                LibOpus.F.MsDecoderDestroy(_decoder);
            }
            else
            {
                LibOpus.F.DecoderDestroy(_decoder);
            }
            _decoder = 0;
        }
    }
}
