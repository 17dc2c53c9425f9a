using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hark.Contracts;

/// <summary>
/// Writes <see cref="RecordingInfo"/> as one flat object: the metadata's own fields (named by the metadata's
/// serialization, so no field list is repeated here) followed by the sizes and ratios. Reading takes the metadata
/// from the same object and the sizes by name; the ratios are computed, not read.
/// </summary>
public sealed class RecordingInfoJsonConverter : JsonConverter<RecordingInfo>
{
    public override RecordingInfo Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var metadata = root.Deserialize<RecordingMetadata>(options) ?? throw new JsonException("recording info without metadata");
        return new RecordingInfo(metadata, Long(root, Name(options, nameof(RecordingInfo.IndexBytes))),
            Long(root, Name(options, nameof(RecordingInfo.AudioBytes))));
    }

    public override void Write(Utf8JsonWriter writer, RecordingInfo value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var field in JsonSerializer.SerializeToElement(value.Metadata, options).EnumerateObject())
        {
            field.WriteTo(writer);
        }
        writer.WriteNumber(Name(options, nameof(RecordingInfo.DurationSeconds)), value.DurationSeconds);
        writer.WriteNumber(Name(options, nameof(RecordingInfo.IndexBytes)), value.IndexBytes);
        writer.WriteNumber(Name(options, nameof(RecordingInfo.AudioBytes)), value.AudioBytes);
        writer.WriteNumber(Name(options, nameof(RecordingInfo.IndexRatio)), value.IndexRatio);
        writer.WriteNumber(Name(options, nameof(RecordingInfo.RatioToPcm)), value.RatioToPcm);
        writer.WriteEndObject();
    }

    private static string Name(JsonSerializerOptions options, string property) =>
        options.PropertyNamingPolicy?.ConvertName(property) ?? property;

    private static long Long(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.TryGetInt64(out long number)
            ? number
            : throw new JsonException($"recording info without a whole number \"{name}\"");
}
