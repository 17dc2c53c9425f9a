using System.CommandLine;
using System.Globalization;
using Hark.Actors.Sharding;
using Hark.Cli.Backend;
using Hark.Cli.Output;
using Hark.Engine.Stations;

namespace Hark.Cli.Commands;

/// <summary>
/// <c>hark export --station S --from ISO --to ISO --format m4a|wav -o OUT</c>: the station's recordings in the range
/// as one file, and one line per gap (on stderr when the audio goes to standard output).
/// </summary>
internal static class StationExportRun
{
    public static async Task<int> RunAsync(ParseResult parse, string station, ExportFormat format, string? from, string? to, string output, CancellationToken ct)
    {
        if (from is null || to is null)
        {
            throw new UsageException("--station needs --from and --to (ISO-8601 times)");
        }
        if (format == ExportFormat.Adts)
        {
            throw new UsageException("a station exports as m4a or wav");
        }
        var query = StationOptions.Query(station, from, to)!;
        var lines = new List<string>();
        await using (var backend = await RecordingBackend.OpenAsync(parse, format == ExportFormat.Wav ? [HarkRoles.Reader] : [], 0, ct))
        {
            StationTimeline timeline;
            try
            {
                timeline = StationTimeline.Build(station, query.From!.Value, query.To!.Value, await backend.Recordings.ListAsync(ct));
            }
            catch (ArgumentException e)
            {
                throw new ExportNotPossibleException(e.Message);
            }
            string scratch = output == OutputFile.StandardOutput ? Path.GetTempPath() : Path.GetDirectoryName(Path.GetFullPath(output))!;
            StationM4aReport? report = null;
            await OutputFile.WriteAsync(output, async destination =>
                report = await StationExport.WriteAsync(backend.Recordings, timeline, format, destination, scratch, ct));
            lines.AddRange(Describe(timeline, report));
        }
        var writer = output == OutputFile.StandardOutput ? Console.Error : Console.Out;
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }
        return ExitCodes.Ok;
    }

    private static IEnumerable<string> Describe(StationTimeline timeline, StationM4aReport? report)
    {
        static string Time(DateTimeOffset t) => UtcText.Of(t);
        double Seconds(long samples) => (double)samples / timeline.SampleRate;
        var recordings = timeline.Pieces.Where(p => !p.IsGap).ToList();
        var gaps = timeline.Gaps.ToList();
        yield return string.Create(CultureInfo.InvariantCulture,
            $"station {timeline.Station}: {Time(timeline.From)} to {Time(timeline.TimeAt(timeline.TotalSamples))}, {timeline.TotalSamples} samples, " +
            $"{recordings.Count} recording{(recordings.Count == 1 ? "" : "s")}, {gaps.Count} gap{(gaps.Count == 1 ? "" : "s")} " +
            $"({Seconds(gaps.Sum(g => g.Count)):0.000} s of silence)");
        foreach (var piece in timeline.Pieces)
        {
            yield return piece.IsGap
                ? string.Create(CultureInfo.InvariantCulture, $"  gap        {Time(timeline.TimeAt(piece.TimelineStart))}  {Seconds(piece.Count),12:0.000} s")
                : string.Create(CultureInfo.InvariantCulture,
                    $"  recording  {Time(timeline.TimeAt(piece.TimelineStart))}  {Seconds(piece.Count),12:0.000} s  {piece.Recording!.Id} from sample {piece.RecordingStart}");
        }
        if (report is { MaxPlacementErrorSamples: > 0 } placed)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  m4a frames are {1024} samples: recordings after the first sit within {placed.MaxPlacementErrorSamples} samples ({Seconds(placed.MaxPlacementErrorSamples) * 1000:0.0} ms) of their times");
        }
    }
}
