namespace Hark.Codec.Mp4;

/// <summary>stco, or co64 once an offset passes 32 bits: where each chunk starts, from the start of the file.</summary>
public readonly record struct ChunkOffsetBox(IReadOnlyList<long> Offsets)
{
    public bool NeedsCo64 => Offsets.Count > 0 && Offsets[^1] > uint.MaxValue;

    public void WriteTo(Mp4BoxWriter writer)
    {
        bool wide = NeedsCo64;
        writer.BeginFull(wide ? "co64" : "stco", 0, 0);
        writer.UInt32((uint)Offsets.Count);
        foreach (long offset in Offsets)
        {
            if (wide)
            {
                writer.Int64(offset);
            }
            else
            {
                writer.UInt32((uint)offset);
            }
        }
        writer.End();
    }
}
