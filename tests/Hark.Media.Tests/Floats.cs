using System.Runtime.InteropServices;

namespace Hark.Media.Tests;

internal static class Floats
{
    public static float[] FromF32le(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes).ToArray();

    /// <summary>Index of the first sample whose bits differ, or -1: bit identity, not closeness.</summary>
    public static int FirstBitDifference(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        var a = MemoryMarshal.Cast<float, int>(expected);
        var b = MemoryMarshal.Cast<float, int>(actual);
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }
        return a.Length == b.Length ? -1 : n;
    }
}
