using Hark.Codec.Mp4;
using Hark.Media.Opus;
using Hark.Storage;

namespace Hark.Engine.Export;

/// <summary>The dOps of an Opus recording: its channels, pre-skip and source rate, and for 3 to 8 channels the family-1 mapping.</summary>
public static class OpusDops
{
    public static OpusSpecificBox For(RecordingMetadata metadata)
    {
        int inputRate = metadata.SourceSampleRate ?? metadata.SampleRate;
        var mapping = OpusChannelMapping.For(metadata.Channels);
        return mapping.IsMultistream
            ? new OpusSpecificBox((byte)metadata.Channels, checked((ushort)metadata.PrimingSamples), (uint)inputRate, 0, mapping.Family,
                (byte)mapping.Streams, (byte)mapping.CoupledStreams, mapping.Mapping)
            : OpusSpecificBox.MonoOrStereo(metadata.Channels, metadata.PrimingSamples, inputRate);
    }
}
