namespace Hark.Codec.Adts;

/// <summary>Reads a whole ADTS stream once and summarises it, optionally handing every frame to a callback.</summary>
public static class AdtsInspector
{
    public static AdtsSummary Inspect(Stream stream, Action<AdtsFrame>? onFrame = null)
    {
        using var reader = new AdtsFrameReader(stream, leaveOpen: true);
        long frames = 0, samples = 0, payloadBytes = 0, crcValid = 0, crcInvalid = 0;
        int lengthMin = int.MaxValue, lengthMax = 0;
        double rateMin = double.MaxValue, rateMax = 0;
        AdtsHeader first = default;
        while (reader.TryReadNext(out var frame))
        {
            var header = frame.Header;
            if (frames == 0)
            {
                first = header;
            }
            frames++;
            samples += header.SamplesPerFrame;
            payloadBytes += header.FrameLength;
            lengthMin = Math.Min(lengthMin, header.FrameLength);
            lengthMax = Math.Max(lengthMax, header.FrameLength);
            rateMin = Math.Min(rateMin, header.BitRate);
            rateMax = Math.Max(rateMax, header.BitRate);
            if (header.HasCrc)
            {
                if (frame.CrcValid)
                {
                    crcValid++;
                }
                else
                {
                    crcInvalid++;
                }
            }
            onFrame?.Invoke(frame);
        }

        return new AdtsSummary
        {
            FrameCount = frames,
            TotalBytes = reader.Position,
            TotalSamples = samples,
            SampleRate = first.SampleRate,
            ChannelConfiguration = first.ChannelConfiguration,
            Channels = first.Channels,
            Profile = frames == 0 ? "" : first.ProfileName,
            MpegVersion = first.MpegVersion,
            BitRateMin = frames == 0 ? 0 : rateMin,
            BitRateMax = rateMax,
            BitRateAverage = samples == 0 ? 0 : payloadBytes * 8.0 * first.SampleRate / samples,
            FrameLengthMin = frames == 0 ? 0 : lengthMin,
            FrameLengthMax = lengthMax,
            CrcPresent = frames > 0 && first.HasCrc,
            CrcValidFrames = crcValid,
            CrcInvalidFrames = crcInvalid,
            BytesSkipped = reader.BytesSkipped,
            Resyncs = reader.Resyncs,
            TruncatedBytes = reader.TruncatedBytes,
        };
    }
}
