using System.Globalization;

namespace Hark.Contracts;

/// <summary>How Hark prints an instant everywhere (messages, listings, file metadata): ISO-8601 UTC to the millisecond.</summary>
public static class UtcText
{
    public static string Of(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
