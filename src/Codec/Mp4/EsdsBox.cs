namespace Hark.Codec.Mp4;

/// <summary>
/// esds (ISO/IEC 14496-14): the MPEG-4 elementary stream descriptor of an AAC track, carrying the AudioSpecificConfig
/// a decoder is opened with. Descriptor lengths are one byte: every part here is far shorter than 128 bytes.
/// </summary>
public readonly record struct EsdsBox(byte[] AudioSpecificConfig, int BufferSize, uint MaxBitrate, uint AverageBitrate)
{
    private const byte EsDescriptorTag = 0x03;
    private const byte DecoderConfigTag = 0x04;
    private const byte DecoderSpecificInfoTag = 0x05;
    private const byte SlConfigTag = 0x06;
    /// <summary>objectTypeIndication: MPEG-4 audio (ISO/IEC 14496-3).</summary>
    private const byte Mpeg4Audio = 0x40;
    /// <summary>streamType 5 (audio) in the top six bits, then upStream 0 and the reserved 1.</summary>
    private const byte AudioStream = (0x05 << 2) | 0x01;
    /// <summary>SLConfigDescriptor predefined = 2: the one MP4 files use.</summary>
    private const byte Mp4SyncLayer = 0x02;

    public void WriteTo(Mp4BoxWriter writer)
    {
        if (AudioSpecificConfig.Length is 0 or > 64)
        {
            throw new ArgumentException($"an AudioSpecificConfig of {AudioSpecificConfig.Length} bytes is not one to carry");
        }
        int decoderConfigLength = 13 + 2 + AudioSpecificConfig.Length;
        int esLength = 3 + 2 + decoderConfigLength + 2 + 1;
        writer.BeginFull("esds", 0, 0);
        writer.UInt8(EsDescriptorTag);
        writer.UInt8((byte)esLength);
        writer.UInt16(0); // ES_ID: 0 in a file
        writer.UInt8(0); // no dependency, URL or OCR stream
        writer.UInt8(DecoderConfigTag);
        writer.UInt8((byte)decoderConfigLength);
        writer.UInt8(Mpeg4Audio);
        writer.UInt8(AudioStream);
        writer.UInt24(BufferSize);
        writer.UInt32(MaxBitrate);
        writer.UInt32(AverageBitrate);
        writer.UInt8(DecoderSpecificInfoTag);
        writer.UInt8((byte)AudioSpecificConfig.Length);
        writer.Bytes(AudioSpecificConfig);
        writer.UInt8(SlConfigTag);
        writer.UInt8(1);
        writer.UInt8(Mp4SyncLayer);
        writer.End();
    }
}
