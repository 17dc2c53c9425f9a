using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hark.Storage.Zarr;

/// <summary>A group's zarr.json: <c>{"zarr_format": 3, "node_type": "group", "attributes": {...}}</c>.</summary>
public sealed record ZarrGroupMetadata(JsonObject Attributes)
{
    internal static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public byte[] ToJsonBytes()
    {
        var root = new JsonObject
        {
            ["zarr_format"] = 3,
            ["node_type"] = "group",
            ["attributes"] = Attributes.DeepClone(),
        };
        return Encoding.UTF8.GetBytes(root.ToJsonString(Indented));
    }

    /// <param name="key">The zarr.json key, for messages.</param>
    public static ZarrGroupMetadata Parse(ReadOnlySpan<byte> json, string key)
    {
        var root = ZarrJson.ParseNode(json, key, "group");
        return new ZarrGroupMetadata(root["attributes"] as JsonObject is { } attributes ? (JsonObject)attributes.DeepClone() : []);
    }
}
