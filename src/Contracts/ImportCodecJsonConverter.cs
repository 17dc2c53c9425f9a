using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hark.Contracts;

/// <summary>An <see cref="ImportCodec"/> as its name ("copy", "aac", ...), null for auto.</summary>
public sealed class ImportCodecJsonConverter : JsonConverter<ImportCodec>
{
    public override bool HandleNull => true;

    public override ImportCodec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return ImportCodec.Auto;
        }
        var name = reader.GetString();
        return ImportCodec.TryParse(name, out var choice) ? choice.Value : throw new JsonException($"unknown codec '{name}' (use {ImportCodec.NameList})");
    }

    public override void Write(Utf8JsonWriter writer, ImportCodec value, JsonSerializerOptions options)
    {
        if (value.Name is { } name)
        {
            writer.WriteStringValue(name);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
