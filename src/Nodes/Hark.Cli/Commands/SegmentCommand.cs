using System.CommandLine;
using Hark.Actors.Sharding;
using Hark.Cli.Backend;
using Hark.Cli.Output;

namespace Hark.Cli.Commands;

/// <summary><c>hark segment ID (--start-sample S --count N | --start T --duration D | --at ISO --duration D) [--format] -o OUT [--node]</c>,
/// or every recording of a station at one moment: <c>hark segment --station S --at ISO --duration D -o DIR</c>,
/// or many clips of one recording in one process: <c>hark segment ID --list CLIPS.csv -o DIR [--jobs N]</c>.</summary>
internal static class SegmentCommand
{
    public static Command Create()
    {
        var id = new Argument<string?>("ID") { Description = "Recording id (none with --station).", Arity = ArgumentArity.ZeroOrOne };
        var station = new Option<string?>("--station")
        {
            Description = "Read every recording of this station covering --at, for --duration, in parallel: one file per recording in the -o directory.",
        };
        var startSample = new Option<long?>("--start-sample") { Description = "First sample (per channel, 0-based)." };
        var count = new Option<long?>("--count") { Description = "Samples per channel to read." };
        var start = new Option<string?>("--start") { Description = "Start as HH:MM:SS.fff (or seconds) from the beginning of the recording." };
        var at = new Option<string?>("--at") { Description = "Start as an ISO-8601 time, using the recording's start time." };
        var duration = new Option<string?>("--duration") { Description = "Length in seconds (or HH:MM:SS.fff); with --start or --at." };
        var format = new Option<SegmentFormat>("--format") { Description = "wav, f32 (raw float) or s16 (raw 16-bit).", DefaultValueFactory = _ => SegmentFormat.Wav };
        var output = new Option<string>("--output", "-o") { Description = "Output file, or - for standard output (with --station or --list: a directory).", Required = true };
        var list = new Option<string?>("--list")
        {
            Description = "A CSV of clips to write into the -o directory, one a line: start,duration (times) or, after a header " +
                "start_sample,count, sample ranges; an optional name column names the files.",
        };
        var jobs = new Option<int>("--jobs") { Description = "With --list: clips read at once (default: the cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var segment = new Command("segment", "Read samples of a recording, sample-exact, all channels interleaved.")
        {
            id, station, startSample, count, start, at, duration, format, output, list, jobs, NodeOption.Option, NodeOption.ApiKey,
        };
        CliAction.Bind(segment, async (parse, ct) =>
        {
            if (parse.GetValue(station) is { } stationName)
            {
                if (parse.GetValue(id) is not null || parse.GetValue(startSample) is not null || parse.GetValue(start) is not null)
                {
                    throw new UsageException("--station reads from --at for --duration; give no recording id, --start or --start-sample");
                }
                return await StationSegmentRun.RunAsync(parse, stationName, parse.GetValue(at), parse.GetValue(duration), parse.GetValue(format),
                    parse.GetValue(output)!, ct);
            }
            var recordingId = parse.GetValue(id) ?? throw new UsageException("name the recording to read (or a --station)");
            // A one-shot read needs no cluster: the archive's own segment reader answers it (a third of the start-up).
            await using var backend = await RecordingBackend.OpenAsync(parse, [], 0, ct);
            var meta = await backend.Recordings.GetRecordingAsync(recordingId, ct);
            if (parse.GetValue(list) is { } clips)
            {
                if (parse.GetValue(startSample) is not null || parse.GetValue(start) is not null || parse.GetValue(at) is not null || parse.GetValue(duration) is not null)
                {
                    throw new UsageException("--list gives the clips; give no --start, --start-sample, --at or --duration");
                }
                if (parse.GetValue(jobs) < 1)
                {
                    throw new UsageException("--jobs must be at least 1");
                }
                return await ClipListRun.RunAsync(backend.Recordings, meta, clips, parse.GetValue(output)!, parse.GetValue(format), parse.GetValue(jobs), ct);
            }
            var (first, samples) = ResolveRange(parse, meta, startSample, count, start, at, duration);
            await OutputFile.WriteAsync(parse.GetValue(output)!, destination =>
                backend.Recordings.WriteSegmentAsync(recordingId, first, samples, parse.GetValue(format), destination, ct));
            return ExitCodes.Ok;
        });
        return segment;
    }

    private static (long Start, long Count) ResolveRange(ParseResult parse, RecordingMetadata meta, Option<long?> startSample,
        Option<long?> count, Option<string?> start, Option<string?> at, Option<string?> duration)
    {
        int given = (parse.GetValue(startSample) is null ? 0 : 1) + (parse.GetValue(start) is null ? 0 : 1) + (parse.GetValue(at) is null ? 0 : 1);
        if (given != 1)
        {
            throw new UsageException("give exactly one of --start-sample, --start or --at");
        }
        if (parse.GetValue(startSample) is { } s)
        {
            return (s, parse.GetValue(count) ?? throw new UsageException("--start-sample needs --count"));
        }
        var length = parse.GetValue(duration) is { } d
            ? Formatting.ParseTime(d, "--duration")
            : throw new UsageException("--start and --at need --duration");
        double offset;
        if (parse.GetValue(start) is { } text)
        {
            offset = Formatting.ParseTime(text, "--start");
        }
        else
        {
            var instant = Formatting.ParseInstant(parse.GetValue(at)!, "--at");
            if (meta.StartTime is not { } recorded)
            {
                throw new UsageException($"recording '{meta.Id}' has no start time; use --start or --start-sample");
            }
            offset = (instant - recorded).TotalSeconds;
            if (offset < 0)
            {
                throw new InvalidOperationException($"{instant:O} is before the recording starts ({recorded:O})");
            }
        }
        return ((long)Math.Round(offset * meta.SampleRate), (long)Math.Round(length * meta.SampleRate));
    }
}
