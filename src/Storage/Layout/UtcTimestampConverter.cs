using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hark.Storage.Layout;

/// <summary>
/// Times as ISO 8601 in UTC with a "Z" ("2026-05-01T04:30:00Z", fractions only when present), the form other
/// tools (Python, JavaScript) parse without surprises. Any ISO 8601 offset is accepted on read.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            throw new JsonException($"\"{text}\" is not an ISO 8601 time");
        }
        return value.ToUniversalTime();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
