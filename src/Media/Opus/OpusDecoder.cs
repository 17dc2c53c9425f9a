using Hark.Media.Errors;
using Hark.Media.Opus.Native;

namespace Hark.Media.Opus;

/// <summary>A libopus decoder at 48 kHz: packets in, interleaved floats out. Not thread-safe.</summary>
public sealed unsafe class OpusDecoder : IDisposable
{
    /// <summary>The longest packet Opus has (120 ms): output buffers of this many samples per channel take any packet.</summary>
    public const int MaxSamplesPerPacket = 5760;

    private nint _decoder;

    public OpusDecoder(int channels)
    {
        if (!OpusFormat.IsSupported(channels))
        {
            throw new UnsupportedMediaException($"Opus in Hark carries 1 or 2 channels, not {channels}");
        }
        int error;
        _decoder = LibOpus.F.DecoderCreate(OpusFormat.SampleRate, channels, &error);
        if (_decoder == 0 || error != LibOpus.Ok)
        {
            throw new OpusException($"opus_decoder_create failed: {LibOpus.ErrorText(error)}");
        }
        Channels = channels;
    }

    public int Channels { get; }

    /// <summary>Back to the state of a new decoder: what a read that starts mid-stream begins from.</summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_decoder == 0, this);
        int result = LibOpus.F.DecoderCtl(_decoder, LibOpus.ResetState);
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
        int frames = interleaved.Length / Channels;
        int decoded;
        fixed (byte* data = packet)
        fixed (float* pcm = interleaved)
        {
            decoded = LibOpus.F.DecodeFloat(_decoder, data, packet.Length, pcm, frames, 0);
        }
        if (decoded < 0)
        {
            throw new OpusException($"opus_decode_float failed: {LibOpus.ErrorText(decoded)}");
        }
        return decoded;
    }

    public void Dispose()
    {
        if (_decoder != 0)
        {
            LibOpus.F.DecoderDestroy(_decoder);
            _decoder = 0;
        }
    }
}
