using System.CommandLine;
using Hark.Actors.Sharding;
using Hark.Cli.Backend;
using Hark.Cli.Output;

namespace Hark.Cli.Commands;

/// <summary><c>hark export ID --format adts|wav|m4a [--from T] [--to T] -o OUT [--node]</c>, or a station's
/// timeline: <c>hark export --station S --from ISO --to ISO --format m4a|wav -o OUT</c>.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var id = new Argument<string?>("ID") { Description = "Recording id (none with --station).", Arity = ArgumentArity.ZeroOrOne };
        var station = new Option<string?>("--station")
        {
            Description = "Export one continuous file of this station's recordings from --from to --to (ISO-8601 times), gaps filled with silence.",
        };
        var format = new Option<string>("--format") { Description = "adts or m4a (the stored AAC frames, no re-encoding; m4a trims to the exact samples with an edit list) or wav.", Required = true };
        format.AcceptOnlyFromAmong([.. ExportFormats.All.Select(f => f.Name())]);
        var from = new Option<string?>("--from") { Description = "Start (HH:MM:SS.fff or seconds; with --station an ISO-8601 time); default the beginning." };
        var to = new Option<string?>("--to") { Description = "End (HH:MM:SS.fff or seconds; with --station an ISO-8601 time); default the end." };
        var output = new Option<string>("--output", "-o") { Description = "Output file, or - for standard output.", Required = true };
        var export = new Command("export", "Write a recording (or a stretch of it) as ADTS, WAV or M4A.") { id, station, format, from, to, output, NodeOption.Option, NodeOption.ApiKey };
        CliAction.Bind(export, async (parse, ct) =>
        {
            var exportFormat = ExportFormats.TryParse(parse.GetValue(format), out var named)
                ? named.Value
                : throw new UsageException($"--format must be one of {ExportFormats.NameList}");
            if (parse.GetValue(station) is { } stationName)
            {
                if (parse.GetValue(id) is not null)
                {
                    throw new UsageException("give a recording id or --station, not both");
                }
                return await StationExportRun.RunAsync(parse, stationName, exportFormat, parse.GetValue(from), parse.GetValue(to), parse.GetValue(output)!, ct);
            }
            if (parse.GetValue(id) is null)
            {
                throw new UsageException("name the recording to export (or a --station)");
            }
            double? fromSeconds = parse.GetValue(from) is { } f ? Formatting.ParseTime(f, "--from") : null;
            double? toSeconds = parse.GetValue(to) is { } t ? Formatting.ParseTime(t, "--to") : null;
            // A WAV export is decoded by the recording's reader; ADTS and M4A copy stored frames and need no role.
            await using var backend = await RecordingBackend.OpenAsync(parse, exportFormat.CopiesStoredFrames() ? [] : [HarkRoles.Reader], 0, ct);
            var recordingId = parse.GetValue(id)!;
            // Times become samples at the recording's rate; the front door checks the range, before any byte is written.
            int sampleRate = (await backend.Recordings.GetRecordingAsync(recordingId, ct)).SampleRate;
            long? first = fromSeconds is { } start ? (long)Math.Round(start * sampleRate) : null;
            long? end = toSeconds is { } stop ? (long)Math.Round(stop * sampleRate) : null;
            await OutputFile.WriteAsync(parse.GetValue(output)!, destination =>
                backend.Recordings.ExportAsync(recordingId, exportFormat, first, end, destination, ct));
            return ExitCodes.Ok;
        });
        return export;
    }
}
