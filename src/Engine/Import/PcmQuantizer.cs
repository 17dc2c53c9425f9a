namespace Hark.Engine.Import;

internal static class PcmQuantizer
{
    private const int Max24 = (1 << 23) - 1;

    /// <summary>Float samples (full scale 1.0) to 24-bit integers, rounded and clipped. The error, 2^-24 of full
    /// scale, lies some 100 dB below what AAC itself changes.</summary>
    public static void ToInt24(ReadOnlySpan<float> source, Span<int> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            float scaled = MathF.Round(source[i] * (Max24 + 1));
            destination[i] = scaled >= Max24 ? Max24 : scaled <= -Max24 ? -Max24 : (int)scaled;
        }
    }
}
