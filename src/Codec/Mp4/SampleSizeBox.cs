namespace Hark.Codec.Mp4;

/// <summary>stsz: the size of every frame, one 32-bit entry each (AAC frames differ in size).</summary>
public readonly record struct SampleSizeBox(IReadOnlyList<int> Sizes)
{
    public void WriteTo(Mp4BoxWriter writer)
    {
        writer.BeginFull("stsz", 0, 0);
        writer.UInt32(0); // sample_size 0: sizes follow
        writer.UInt32((uint)Sizes.Count);
        foreach (int size in Sizes)
        {
            writer.UInt32(checked((uint)size));
        }
        writer.End();
    }
}
