namespace Hark.Codec.Mp4;

/// <summary>
/// One iTunes-style metadata item: a four-character atom such as "©nam" (<see cref="Mean"/> null), or a freeform
/// "----" item named <see cref="Name"/> in the reverse-DNS namespace <see cref="Mean"/>. The value is UTF-8 text.
/// </summary>
public readonly record struct ItunesTag(string Name, string Value, string? Mean = null)
{
    public static ItunesTag Atom(string fourCc, string value) => new(fourCc, value);

    public static ItunesTag Freeform(string mean, string name, string value) => new(name, value, mean);
}
