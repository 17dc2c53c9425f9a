namespace Hark.Codec.Mp4;

/// <summary>stsc for chunks of a fixed number of frames, the last one possibly shorter (then a second run).</summary>
public readonly record struct SampleToChunkBox(long SampleCount, int SamplesPerChunk)
{
    public void WriteTo(Mp4BoxWriter writer)
    {
        long fullChunks = SampleCount / SamplesPerChunk;
        int rest = (int)(SampleCount % SamplesPerChunk);
        writer.BeginFull("stsc", 0, 0);
        writer.UInt32((uint)((fullChunks > 0 ? 1 : 0) + (rest > 0 ? 1 : 0)));
        if (fullChunks > 0)
        {
            WriteRun(writer, 1, SamplesPerChunk);
        }
        if (rest > 0)
        {
            WriteRun(writer, fullChunks + 1, rest);
        }
        writer.End();
    }

    private static void WriteRun(Mp4BoxWriter writer, long firstChunk, int samplesPerChunk)
    {
        writer.UInt32(checked((uint)firstChunk));
        writer.UInt32((uint)samplesPerChunk);
        writer.UInt32(1); // sample_description_index
    }
}
