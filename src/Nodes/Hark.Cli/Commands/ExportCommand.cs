using System.CommandLine;
using Hark.Engine.Export;
using Hark.Engine.Segments;

namespace Hark.Cli.Commands;

/// <summary><c>hark export ID --format adts|wav [--from T] [--to T] -o OUT</c>.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "Recording id." };
        var format = new Option<string>("--format") { Description = "adts (the stored AAC frames, no re-encoding) or wav.", Required = true };
        format.AcceptOnlyFromAmong("adts", "wav");
        var from = new Option<string?>("--from") { Description = "Start (HH:MM:SS.fff or seconds); default the beginning." };
        var to = new Option<string?>("--to") { Description = "End (HH:MM:SS.fff or seconds); default the end." };
        var output = new Option<string>("--output", "-o") { Description = "Output file, or - for standard output.", Required = true };
        var export = new Command("export", "Write a recording (or a stretch of it) as ADTS or WAV.") { id, format, from, to, output };
        CliAction.Bind(export, async (parse, ct) =>
        {
            var context = await ArchiveContext.OpenAsync(parse, ct);
            var reader = await context.Archive.OpenRecordingAsync(parse.GetValue(id)!, ct);
            var meta = reader.Metadata;
            long first = parse.GetValue(from) is { } f ? (long)Math.Round(Formatting.ParseTime(f, "--from") * meta.SampleRate) : 0;
            long end = parse.GetValue(to) is { } t ? (long)Math.Round(Formatting.ParseTime(t, "--to") * meta.SampleRate) : meta.TotalSamples;
            if (end > meta.TotalSamples || first >= end)
            {
                throw new SegmentRangeException($"--from/--to must lie within 0..{(double)meta.TotalSamples / meta.SampleRate:F3} s, start before end");
            }
            var path = parse.GetValue(output)!;
            await using var stream = path == "-" ? Console.OpenStandardOutput() : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            if (parse.GetValue(format) == "wav")
            {
                await context.Segments.ReadSegmentAsync(meta.Id, first, end - first, SegmentFormat.Wav, stream, ct);
            }
            else
            {
                await AdtsExport.WriteAsync(reader, first, end, stream, ct);
            }
            return ExitCodes.Ok;
        });
        return export;
    }
}
