using System.Text;

namespace Hark.Media.Tools;

/// <summary>
/// FFMpegCore builds ffprobe's command line as one string with the input between double quotes, and .NET splits
/// that string with the Windows rules (a backslash escapes a quote; 2n backslashes before a quote are n). A path
/// holding a quote, or ending in a backslash, would be cut or merged with the next argument; this escapes it so
/// the split gives the path back unchanged.
/// </summary>
internal static class QuotedArgument
{
    /// <summary>The text to put between the two double quotes so that it parses back to <paramref name="value"/>.</summary>
    public static string EscapeInside(string value)
    {
        if (!value.Contains('"', StringComparison.Ordinal) && !value.EndsWith('\\'))
        {
            return value;
        }
        var escaped = new StringBuilder(value.Length + 8);
        int backslashes = 0;
        foreach (char c in value)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }
            // Backslashes are literal unless a quote follows: then each must be doubled, and the quote escaped.
            escaped.Append('\\', c == '"' ? 2 * backslashes + 1 : backslashes);
            escaped.Append(c);
            backslashes = 0;
        }
        // The closing quote FFMpegCore adds follows these.
        escaped.Append('\\', 2 * backslashes);
        return escaped.ToString();
    }
}
