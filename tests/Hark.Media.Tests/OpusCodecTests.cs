using Hark.Media.Errors;
using Hark.Media.Opus;

namespace Hark.Media.Tests;

/// <summary>The libopus binding: settings, the pre-skip, and a round trip that lands where the pre-skip says.</summary>
public sealed class OpusCodecTests
{
    private const int Packets = 100;

    [Fact]
    public void The_encoder_reports_libopus_and_the_pre_skip_Hark_lays_streams_out_for()
    {
        using var encoder = new OpusEncoder(2, 96_000);
        Assert.StartsWith("libopus 1.", OpusEncoder.LibraryVersion);
        Assert.Equal(OpusFormat.PreSkip, encoder.Lookahead);
    }

    [Theory]
    [InlineData(1, 64_000)]
    [InlineData(2, 96_000)]
    [InlineData(6, 288_000)]
    [InlineData(8, 384_000)]
    public void A_round_trip_matches_the_source_delayed_by_the_pre_skip(int channels, int bitRate)
    {
        var source = Tones(channels, Packets * OpusFormat.SamplesPerPacket);
        var decoded = RoundTrip(source, channels, bitRate, out long bytes);
        // A 2-second tone mix, another tone per channel: the decode is the source 312 samples late, at a codec's SNR,
        // every channel where it was (through the multistream mapping and back for 6 and 8).
        int n = source.Length / channels - OpusFormat.PreSkip;
        for (int c = 0; c < channels; c++)
        {
            if (channels >= 6 && c == 3)
            {
                continue; // the LFE channel of 5.1 and 7.1 is coded low-passed: its tones are meant to go
            }
            double signal = 0, noise = 0;
            for (int i = 0; i < n; i++)
            {
                double s = source[i * channels + c];
                double e = decoded[(i + OpusFormat.PreSkip) * channels + c] - s;
                signal += s * s;
                noise += e * e;
            }
            double snr = 10 * Math.Log10(signal / noise);
            Assert.True(snr > 20, $"channel {c}: {snr:F1} dB");
        }
        // VBR aims at the rate over the stream: within a third of it for a steady signal.
        double rate = bytes * 8.0 / (Packets * 0.02);
        Assert.InRange(rate, bitRate * 0.5, bitRate * 1.34);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(8)]
    public void Multichannel_uses_mapping_family_1_and_its_order_permutation_round_trips(int channels)
    {
        using var encoder = new OpusEncoder(channels, 64_000 * channels);
        Assert.Equal(1, encoder.Mapping.Family);
        Assert.Equal(OpusFormat.PreSkip, encoder.Lookahead);
        var wav = Enumerable.Range(0, 4 * channels).Select(i => (float)i).ToArray();
        var vorbis = new float[wav.Length];
        var back = new float[wav.Length];
        encoder.Mapping.ToVorbis(wav, vorbis, 4);
        encoder.Mapping.FromVorbis(vorbis, back, 4);
        Assert.Equal(wav, back);
        if (channels == 6)
        {
            // WAV FL FR FC LFE BL BR -> Vorbis FL C FR RL RR LFE.
            Assert.Equal([0f, 2, 1, 4, 5, 3], vorbis.Take(6));
        }
    }

    [Fact]
    public void A_reset_decoder_decodes_as_a_new_one()
    {
        var source = Tones(2, Packets * OpusFormat.SamplesPerPacket);
        using var encoder = new OpusEncoder(2, 96_000);
        var packets = Encode(encoder, source, 2);
        using var used = new OpusDecoder(2);
        using var fresh = new OpusDecoder(2);
        var scratch = new float[OpusDecoder.MaxSamplesPerPacket * 2];
        foreach (var packet in packets.Take(30))
        {
            used.Decode(packet, scratch);
        }
        used.Reset();
        var a = new float[OpusDecoder.MaxSamplesPerPacket * 2];
        var b = new float[OpusDecoder.MaxSamplesPerPacket * 2];
        for (int p = 50; p < 60; p++)
        {
            Assert.Equal(fresh.Decode(packets[p], a), used.Decode(packets[p], b));
            Assert.Equal(-1, Floats.FirstBitDifference(a, b));
        }
    }

    [Fact]
    public void More_than_two_channels_and_absurd_rates_are_refused_clearly()
    {
        var channels = Assert.Throws<UnsupportedMediaException>(() => new OpusEncoder(9, 288_000));
        Assert.Contains("1 to 8 channels", channels.Message);
        Assert.Throws<UnsupportedMediaException>(() => new OpusEncoder(2, 1_000));
    }

    [Fact]
    public void A_damaged_packet_is_an_OpusException_not_a_crash()
    {
        using var decoder = new OpusDecoder(1);
        var output = new float[OpusDecoder.MaxSamplesPerPacket];
        // TOC code 3 (arbitrary frame count) with a frame-count byte of 0: invalid by RFC 6716 section 3.2.5.
        Assert.Throws<OpusException>(() => decoder.Decode([0x03 | 0xF8, 0x00], output));
    }

    internal static float[] Tones(int channels, int samples)
    {
        var pcm = new float[samples * channels];
        for (int i = 0; i < samples; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                double t = i / 48000.0;
                pcm[i * channels + c] = (float)(0.3 * Math.Sin(2 * Math.PI * (330 + 110 * c) * t) + 0.1 * Math.Sin(2 * Math.PI * 2500 * t));
            }
        }
        return pcm;
    }

    private static List<byte[]> Encode(OpusEncoder encoder, float[] source, int channels)
    {
        var packets = new List<byte[]>();
        var packet = new byte[OpusFormat.MaxPacketBytesFor(channels)];
        int frame = OpusFormat.SamplesPerPacket * channels;
        for (int offset = 0; offset < source.Length; offset += frame)
        {
            int length = encoder.Encode(source.AsSpan(offset, frame), packet);
            packets.Add(packet.AsSpan(0, length).ToArray());
        }
        return packets;
    }

    private static float[] RoundTrip(float[] source, int channels, int bitRate, out long bytes)
    {
        using var encoder = new OpusEncoder(channels, bitRate);
        using var decoder = new OpusDecoder(channels);
        var packets = Encode(encoder, source, channels);
        bytes = packets.Sum(p => (long)p.Length);
        var decoded = new float[source.Length];
        var scratch = new float[OpusDecoder.MaxSamplesPerPacket * channels];
        int position = 0;
        foreach (var packet in packets)
        {
            int n = decoder.Decode(packet, scratch);
            scratch.AsSpan(0, n * channels).CopyTo(decoded.AsSpan(position));
            position += n * channels;
        }
        return decoded;
    }
}
