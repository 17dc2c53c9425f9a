using Hark.Codec.Adts;

namespace Hark.Codec.Tests.Adts;

public sealed class AdtsHeaderTests
{
    // An AAC LC, 44.1 kHz, stereo, 371-byte, VBR frame header as ffmpeg writes it.
    private static readonly byte[] Golden = [0xFF, 0xF1, 0x50, 0x80, 0x2E, 0x7F, 0xFC];

    [Fact]
    public void Parses_every_field_of_a_golden_header()
    {
        var header = AdtsHeader.Parse(Golden);
        Assert.Equal(0, header.MpegVersion);
        Assert.Equal(0, header.Layer);
        Assert.True(header.ProtectionAbsent);
        Assert.Equal(1, header.Profile);
        Assert.Equal(2, header.ObjectType);
        Assert.Equal(4, header.SamplingFrequencyIndex);
        Assert.Equal(44100, header.SampleRate);
        Assert.False(header.PrivateBit);
        Assert.Equal(2, header.ChannelConfiguration);
        Assert.False(header.Originality);
        Assert.False(header.Home);
        Assert.False(header.CopyrightIdBit);
        Assert.False(header.CopyrightIdStart);
        Assert.Equal(371, header.FrameLength);
        Assert.Equal(0x7FF, header.BufferFullness);
        Assert.True(header.IsVariableBitRate);
        Assert.Equal(0, header.RawDataBlocks);
        Assert.Equal(7, header.HeaderLength);
        Assert.Equal(1024, header.SamplesPerFrame);
        Assert.Equal(1024.0 / 44100, header.DurationSeconds, 12);
    }

    [Fact]
    public void Writes_every_field_back_to_the_golden_bytes()
    {
        var written = new byte[7];
        Assert.Equal(7, AdtsHeader.Parse(Golden).WriteTo(written));
        Assert.Equal(Golden, written);
    }

    [Fact]
    public void Every_single_bit_field_round_trips_on_its_own()
    {
        // Setting one field at a time catches a field written into a neighbour's bits.
        var fields = new Func<AdtsHeader>[]
        {
            () => Make(mpegVersion: 1), () => Make(protectionAbsent: false, crc: 0xBEEF), () => Make(profile: 3),
            () => Make(frequencyIndex: 12), () => Make(privateBit: true), () => Make(channels: 7), () => Make(original: true),
            () => Make(home: true), () => Make(copyrightBit: true), () => Make(copyrightStart: true),
            () => Make(frameLength: 8191), () => Make(bufferFullness: 0x123), () => Make(rawBlocks: 3),
        };
        foreach (var make in fields)
        {
            var header = make();
            var bytes = new byte[9];
            header.WriteTo(bytes);
            Assert.Equal(header, AdtsHeader.Parse(bytes));
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xF1, 0x50 }, AdtsHeaderError.TooShort)]
    [InlineData(new byte[] { 0xFF, 0xE1, 0x50, 0x80, 0x2E, 0x7F, 0xFC }, AdtsHeaderError.BadSyncword)]
    [InlineData(new byte[] { 0xFE, 0xF1, 0x50, 0x80, 0x2E, 0x7F, 0xFC }, AdtsHeaderError.BadSyncword)]
    [InlineData(new byte[] { 0xFF, 0xF3, 0x50, 0x80, 0x2E, 0x7F, 0xFC }, AdtsHeaderError.ReservedLayer)]
    [InlineData(new byte[] { 0xFF, 0xF1, 0x7C, 0x80, 0x2E, 0x7F, 0xFC }, AdtsHeaderError.InvalidSamplingFrequencyIndex)]
    [InlineData(new byte[] { 0xFF, 0xF1, 0x74, 0x80, 0x2E, 0x7F, 0xFC }, AdtsHeaderError.InvalidSamplingFrequencyIndex)]
    [InlineData(new byte[] { 0xFF, 0xF1, 0x50, 0x80, 0x00, 0xDF, 0xFC }, AdtsHeaderError.FrameLengthShorterThanHeader)]
    [InlineData(new byte[] { 0xFF, 0xF0, 0x50, 0x80, 0x2E, 0x7F, 0xFC }, AdtsHeaderError.TooShort)]
    public void Rejects_invalid_headers_with_the_precise_reason(byte[] bytes, AdtsHeaderError expected)
    {
        Assert.False(AdtsHeader.TryParse(bytes, out _, out var error));
        Assert.Equal(expected, error);
        var exception = Assert.Throws<AdtsFormatException>(() => AdtsHeader.Parse(bytes));
        Assert.Equal(expected, exception.Error);
    }

    [Fact]
    public void Protected_header_with_frame_length_eight_is_shorter_than_its_nine_bytes()
    {
        var bytes = new byte[9];
        Make(protectionAbsent: false, frameLength: 8).WriteTo(bytes);
        Assert.False(AdtsHeader.TryParse(bytes, out _, out var error));
        Assert.Equal(AdtsHeaderError.FrameLengthShorterThanHeader, error);
    }

    [Fact]
    public void Audio_specific_config_round_trips_through_the_stream_format()
    {
        var format = AdtsStreamFormat.From(AdtsHeader.Parse(Golden));
        var config = format.ToAudioSpecificConfig();
        Assert.Equal(new byte[] { 0x12, 0x10 }, config); // AAC LC, 44.1 kHz, stereo: the well-known 0x1210
        Assert.Equal(format, AdtsStreamFormat.FromAudioSpecificConfig(config));
    }

    private static AdtsHeader Make(
        int mpegVersion = 0, bool protectionAbsent = true, int profile = 1, int frequencyIndex = 4, bool privateBit = false,
        int channels = 2, bool original = false, bool home = false, bool copyrightBit = false, bool copyrightStart = false,
        int frameLength = 400, int bufferFullness = 0x7FF, int rawBlocks = 0, ushort crc = 0) =>
        new(mpegVersion, 0, protectionAbsent, profile, frequencyIndex, privateBit, channels, original, home, copyrightBit,
            copyrightStart, frameLength, bufferFullness, rawBlocks, crc);
}
