using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Nodes;

namespace Hark.Storage.Zarr;

/// <summary>Parsing shared by group and array zarr.json documents.</summary>
internal static class ZarrJson
{
    public static JsonObject ParseNode(ReadOnlySpan<byte> json, string key, string expectedNodeType)
    {
        // JsonNode reads lazily: invalid UTF-8 inside a string or a repeated key would only throw (ArgumentException,
        // InvalidOperationException) when a field is first touched, far from here. Both are refused up front.
        if (!Utf8.IsValid(json))
        {
            throw new ZarrFormatException($"{key}: not valid JSON (invalid UTF-8)");
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new ZarrFormatException($"{key}: not valid JSON ({e.Message})");
        }
        if (node is not JsonObject root)
        {
            throw new ZarrFormatException($"{key}: not a JSON object");
        }
        if (root["zarr_format"] is not JsonValue format || !format.TryGetValue(out int version) || version != 3)
        {
            throw new ZarrFormatException($"{key}: zarr_format must be 3");
        }
        var nodeType = root["node_type"] is JsonValue type && type.TryGetValue(out string? text) ? text : null;
        if (nodeType != expectedNodeType)
        {
            throw new ZarrFormatException($"{key}: node_type is \"{nodeType}\", expected \"{expectedNodeType}\"");
        }
        return root;
    }
}
