using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hark.Engine.Archival;

/// <summary>
/// The archive's JSON (the manifest, the pages' ImageDescription): snake_case, nulls left out, and non-ASCII escaped,
/// so a description is the 7-bit ASCII a TIFF ASCII field must be.
/// </summary>
public static class ArchiveJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default,
    };

    public static JsonSerializerOptions Compact { get; } = new(Options) { WriteIndented = false };

    public static ArchiveManifest ReadManifest(string directory)
    {
        var path = Path.Combine(directory, ArchiveManifest.FileName);
        if (!File.Exists(path))
        {
            throw new ArchiveRefusedException($"{directory} holds no {ArchiveManifest.FileName}");
        }
        try
        {
            var manifest = JsonSerializer.Deserialize<ArchiveManifest>(File.ReadAllBytes(path), Options)
                ?? throw new ArchiveRefusedException($"{path} is empty");
            return manifest.Format == ArchiveManifest.CurrentFormat
                ? manifest
                : throw new ArchiveRefusedException($"{path} is format '{manifest.Format}', not {ArchiveManifest.CurrentFormat}");
        }
        catch (JsonException e)
        {
            throw new ArchiveRefusedException($"{path} is not a manifest: {e.Message}");
        }
    }

    /// <summary>Writes the manifest beside its final name and renames it over, so a reader never sees half of one.</summary>
    public static void WriteManifest(string directory, ArchiveManifest manifest)
    {
        var path = Path.Combine(directory, ArchiveManifest.FileName);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(file, manifest, Options);
            file.WriteByte((byte)'\n');
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
