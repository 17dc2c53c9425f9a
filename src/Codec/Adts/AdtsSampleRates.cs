namespace Hark.Codec.Adts;

/// <summary>The MPEG-4 sampling frequency index table (ISO/IEC 14496-3, 1.6.3.4).</summary>
public static class AdtsSampleRates
{
    private static readonly int[] Rates =
        [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

    public static bool IsValidIndex(int index) => (uint)index < (uint)Rates.Length;

    public static int FromIndex(int index) => IsValidIndex(index) ? Rates[index] : 0;

    public static bool TryGetIndex(int sampleRate, out int index)
    {
        index = Array.IndexOf(Rates, sampleRate);
        return index >= 0;
    }
}
