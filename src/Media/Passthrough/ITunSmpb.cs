using System.Globalization;

namespace Hark.Media.Passthrough;

/// <summary>
/// Apple's gapless-playback tag: " 00000000 PPPPPPPP EEEEEEEE LLLLLLLLLLLLLLLL ...", hex words after a leading
/// space: reserved, priming samples, end padding samples, the original length in samples.
/// </summary>
public readonly record struct ITunSmpb(int PrimingSamples, int PaddingSamples, long OriginalSamples)
{
    public static bool TryParse(string? text, out ITunSmpb value)
    {
        value = default;
        var words = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words is null || words.Length < 4
            || !int.TryParse(words[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int priming)
            || !int.TryParse(words[2], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int padding)
            || !long.TryParse(words[3], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long length)
            || priming < 0 || padding < 0 || length <= 0)
        {
            return false;
        }
        value = new ITunSmpb(priming, padding, length);
        return true;
    }
}
