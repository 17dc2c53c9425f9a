using System.Text;

namespace Hark.Contracts;

/// <summary>Caller-supplied text made safe to quote in a one-line message: control characters escaped.</summary>
public static class PrintableText
{
    public static string Of(string? text)
    {
        if (text is null)
        {
            return "(null)";
        }
        var printable = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            printable.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }
        return printable.ToString();
    }
}
