namespace Hark.Codec.Mp4;

/// <summary>The identity transformation matrix mvhd and tkhd carry (16.16 and 2.30 fixed point): audio is not transformed.</summary>
internal static class UnityMatrix
{
    public static void WriteTo(Mp4BoxWriter writer)
    {
        ReadOnlySpan<uint> matrix = [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000];
        foreach (var value in matrix)
        {
            writer.UInt32(value);
        }
    }
}
