namespace Hark.Node.Dashboard;

/// <summary>
/// Puts a page into the one layout (layout.html: head, header with the navigation, the shared script). A page file
/// is its title on the first line, then what goes in the header after <c>&lt;!-- header --&gt;</c>, then its body after
/// <c>&lt;!-- body --&gt;</c>.
/// </summary>
public static class PageLayout
{
    private const string HeaderMarker = "<!-- header -->";
    private const string BodyMarker = "<!-- body -->";

    public static string Compose(string layout, string page)
    {
        int header = page.IndexOf(HeaderMarker, StringComparison.Ordinal);
        int body = page.IndexOf(BodyMarker, StringComparison.Ordinal);
        if (header < 0 || body < header)
        {
            throw new FormatException($"a page needs its title, then {HeaderMarker}, then {BodyMarker}");
        }
        return layout
            .Replace("{title}", System.Net.WebUtility.HtmlEncode(page[..header].Trim()), StringComparison.Ordinal)
            .Replace("{header}", page[(header + HeaderMarker.Length)..body].Trim('\n'), StringComparison.Ordinal)
            .Replace("{body}", page[(body + BodyMarker.Length)..].Trim('\n'), StringComparison.Ordinal);
    }
}
