namespace Hark.Codec.Adts;

/// <summary>Wraps raw AAC frames (one raw data block each) in ADTS headers, with a CRC when asked.</summary>
public sealed class AdtsWriter(Stream output, AdtsStreamFormat format, bool withCrc = false)
{
    private readonly byte[] _header = new byte[AdtsHeader.ProtectedLength];

    public long FramesWritten { get; private set; }

    public static AdtsHeader HeaderFor(AdtsStreamFormat format, int payloadLength, bool withCrc)
    {
        int frameLength = payloadLength + (withCrc ? AdtsHeader.ProtectedLength : AdtsHeader.MinimumLength);
        if (frameLength > AdtsHeader.MaxFrameLength)
        {
            throw new ArgumentOutOfRangeException(nameof(payloadLength), $"An AAC frame of {payloadLength} bytes does not fit in ADTS (max {AdtsHeader.MaxFrameLength}).");
        }
        return new AdtsHeader(
            mpegVersion: 0, layer: 0, protectionAbsent: !withCrc, profile: format.ObjectType - 1,
            samplingFrequencyIndex: format.SamplingFrequencyIndex, privateBit: false,
            channelConfiguration: format.ChannelConfiguration, originality: false, home: false,
            copyrightIdBit: false, copyrightIdStart: false, frameLength: frameLength,
            bufferFullness: AdtsHeader.BufferFullnessVbr, rawDataBlocks: 0);
    }

    /// <summary>Builds one whole ADTS frame into <paramref name="destination"/>; returns its length.</summary>
    public static int WriteFrame(AdtsStreamFormat format, ReadOnlySpan<byte> rawFrame, bool withCrc, Span<byte> destination)
    {
        var header = WriteHeader(format, rawFrame, withCrc, destination);
        rawFrame.CopyTo(destination[header.HeaderLength..]);
        return header.FrameLength;
    }

    public void Write(ReadOnlySpan<byte> rawFrame)
    {
        var header = WriteHeader(format, rawFrame, withCrc, _header);
        output.Write(_header, 0, header.HeaderLength);
        output.Write(rawFrame);
        FramesWritten++;
    }

    private static AdtsHeader WriteHeader(AdtsStreamFormat format, ReadOnlySpan<byte> rawFrame, bool withCrc, Span<byte> destination)
    {
        var header = HeaderFor(format, rawFrame.Length, withCrc);
        header.WriteTo(destination);
        if (withCrc)
        {
            // The CRC covers the header bytes just written, so it is filled in second.
            header = header.WithCrc(AdtsCrc.ForFrame(destination, rawFrame));
            header.WriteTo(destination);
        }
        return header;
    }
}
