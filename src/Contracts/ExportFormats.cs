using System.Diagnostics.CodeAnalysis;

namespace Hark.Contracts;

/// <summary>The one place that spells export format names: the CLI's --format and the API's export.{format} route.</summary>
public static class ExportFormats
{
    public static readonly IReadOnlyList<ExportFormat> All = [ExportFormat.Adts, ExportFormat.Wav, ExportFormat.M4a];

    /// <summary>"adts, wav, m4a": for help texts and error messages.</summary>
    public static string NameList => string.Join(", ", All.Select(Name));

    public static string Name(this ExportFormat format) => format switch
    {
        ExportFormat.Adts => "adts",
        ExportFormat.Wav => "wav",
        ExportFormat.M4a => "m4a",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not an export format"),
    };

    /// <summary>The media type an HTTP answer declares for it.</summary>
    public static string ContentType(this ExportFormat format) => format switch
    {
        ExportFormat.Adts => "audio/aac",
        ExportFormat.Wav => "audio/wav",
        ExportFormat.M4a => "audio/mp4",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not an export format"),
    };

    /// <summary>The file name extension players expect: an ADTS stream is a .aac file.</summary>
    public static string FileExtension(this ExportFormat format) => format == ExportFormat.Adts ? "aac" : format.Name();

    /// <summary>Whether the export copies stored frames (read straight from the archive) rather than decoding them.</summary>
    public static bool CopiesStoredFrames(this ExportFormat format) => format is ExportFormat.Adts or ExportFormat.M4a;

    public static bool TryParse(string? name, [NotNullWhen(true)] out ExportFormat? format)
    {
        format = All.Cast<ExportFormat?>().FirstOrDefault(f => string.Equals(f!.Value.Name(), name, StringComparison.OrdinalIgnoreCase));
        return format is not null;
    }
}
