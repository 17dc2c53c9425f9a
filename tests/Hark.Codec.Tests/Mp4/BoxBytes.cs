using Hark.Codec.Mp4;

namespace Hark.Codec.Tests.Mp4;

/// <summary>What a box writes, as upper-case hex; golden values are written with spaces between fields for reading.</summary>
internal static class BoxBytes
{
    public static string Of(Action<Mp4BoxWriter> write)
    {
        var writer = new Mp4BoxWriter();
        write(writer);
        return Convert.ToHexString(writer.Written);
    }

    public static string Golden(string spaced) => spaced.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
