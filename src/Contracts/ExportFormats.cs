using System.Diagnostics.CodeAnalysis;

namespace Hark.Contracts;

/// <summary>The one place that spells export format names: the CLI's --format and the API's export.{format} route.</summary>
public static class ExportFormats
{
    public static readonly IReadOnlyList<ExportFormat> All = [ExportFormat.Adts, ExportFormat.Wav];

    /// <summary>"adts, wav": for help texts and error messages.</summary>
    public static string NameList => string.Join(", ", All.Select(Name));

    public static string Name(this ExportFormat format) => format switch
    {
        ExportFormat.Adts => "adts",
        ExportFormat.Wav => "wav",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not an export format"),
    };

    public static bool TryParse(string? name, [NotNullWhen(true)] out ExportFormat? format)
    {
        format = All.Cast<ExportFormat?>().FirstOrDefault(f => string.Equals(f!.Value.Name(), name, StringComparison.OrdinalIgnoreCase));
        return format is not null;
    }
}
