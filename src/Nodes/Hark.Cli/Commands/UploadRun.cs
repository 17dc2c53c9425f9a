using Hark.Storage.Uploads;
using System.Diagnostics;
using System.Globalization;
using Hark.Cli.Backend;

namespace Hark.Cli.Commands;

/// <summary>
/// Local files sent to a node that cannot read them (<c>--upload</c>, or a node answering that the path is not
/// there or not inside its import roots): each becomes <c>upload:ID</c>, a source every node of the cluster reads.
/// </summary>
internal static class UploadRun
{
    /// <summary>Whether a node's refusal of a path means it cannot see the CLI's file (and an upload would do).</summary>
    public static bool NodeCannotRead(Exception e) =>
        e is RequestRefusedException refused && refused.Message.Contains("no such file", StringComparison.Ordinal)
        || e is NodeRefusedException outside && outside.Message.Contains("import roots", StringComparison.Ordinal);

    public static async Task<string> SourceAsync(NodeClient node, string path, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        var id = await node.Uploads.UploadAsync(path, (sent, total) =>
        {
            if (clock.Elapsed - last < TimeSpan.FromSeconds(2) && sent < total)
            {
                return;
            }
            last = clock.Elapsed;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"upload {name}: {100.0 * sent / total:F0}% of {total / 1e6:F1} MB, {sent / 1e6 / Math.Max(clock.Elapsed.TotalSeconds, 1e-3):F0} MB/s"));
        }, ct);
        return UploadArea.SourcePrefix + id;
    }

    /// <summary>The upload ids in <c>upload:ID</c> sources (or in the archive paths a batch resolved them to).</summary>
    public static string? IdOf(string source)
    {
        if (UploadArea.NamesUpload(source))
        {
            return UploadArea.IdOf(source);
        }
        var marker = $"{Path.DirectorySeparatorChar}uploads{Path.DirectorySeparatorChar}";
        int at = source.LastIndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        var rest = source[(at + marker.Length)..];
        int end = rest.IndexOf(Path.DirectorySeparatorChar);
        return end > 0 ? rest[..end] : null;
    }
}
