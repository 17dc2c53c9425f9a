using System.Globalization;

namespace Hark.Contracts;

/// <summary>
/// How Hark prints an instant everywhere (messages, listings, file metadata): ISO-8601 UTC to the millisecond; and
/// how it reads one a user gives (the CLI's options, the API's query parameters): ISO-8601, UTC when no offset.
/// </summary>
public static class UtcText
{
    public static string Of(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
