using System.CommandLine;
using Hark.Actors.Sharding;
using Hark.Cli.Backend;
using Hark.Cli.Output;

namespace Hark.Cli.Commands;

/// <summary><c>hark import FILE... [--id] [--codec] [--stream] [--station] [--bitrate] [--start-time] [--chunk-seconds] [--jobs] [--replace] [--quantize-float] [--node]</c>.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILE")
        {
            Description = "Any audio file ffmpeg reads (wav, flac, mp3, ogg, m4a, w64, rf64, ...); several import one after another.",
            Arity = ArgumentArity.OneOrMore,
        };
        var id = new Option<string?>("--id") { Description = "Recording id (default: the file name without extension); only with one file." };
        var codec = new Option<string?>("--codec")
        {
            Description = "copy (store the source's AAC-LC or Opus packets as they are), aac (lossy, compact), opus (lossy, smaller; " +
                "stored at 48 kHz) or lac (lossless). Default: copy for AAC-LC and Opus sources, aac for everything else.",
        };
        codec.AcceptOnlyFromAmong(["copy", .. AudioCodecs.All.Select(c => c.Name())]);
        var stream = new Option<int>("--stream") { Description = "Which audio stream of the source to import, counted from 0.", DefaultValueFactory = _ => 0 };
        var station = new Option<string?>("--station") { Description = "The station (recorder, site) the recording belongs to; default: the source's \"station\" tag." };
        var bitrate = new Option<string?>("--bitrate") { Description = "Bit rate, e.g. 160k (AAC default 160k stereo and up, 128k mono; Opus 96k stereo, 64k mono, 48k a channel beyond)." };
        var startTime = new Option<string?>("--start-time") { Description = "When the first sample was recorded (ISO-8601); overrides the file's own time stamp." };
        var chunkSeconds = new Option<int>("--chunk-seconds") { Description = "Seconds of audio per parallel chunk.", DefaultValueFactory = _ => 120 };
        var jobs = new Option<int>("--jobs") { Description = "Parallel encoders (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var replace = new Option<bool>("--replace") { Description = "Replace an existing recording with the same id (kept until the new one is complete)." };
        var quantize = new Option<bool>("--quantize-float") { Description = "LAC: store floating point or 32-bit sources as 24-bit integers instead of refusing them." };
        var import = new Command("import", "Import recordings into the archive (resumes an interrupted import of the same file and id).")
        {
            files, id, codec, stream, station, bitrate, startTime, chunkSeconds, jobs, replace, quantize, NodeOption.Option, NodeOption.ApiKey,
        };
        CliAction.Bind(import, async (parse, ct) =>
        {
            var sources = parse.GetValue(files)!;
            if (parse.GetValue(jobs) < 1)
            {
                throw new UsageException("--jobs must be at least 1");
            }
            if (parse.GetValue(stream) < 0)
            {
                throw new UsageException("--stream counts audio streams from 0");
            }
            if (parse.GetValue(station) is { } named && !StationName.IsValid(named))
            {
                throw new UsageException($"--station {StationName.Rule}");
            }
            if (sources.Length > 1 && parse.GetValue(id) is not null)
            {
                throw new UsageException("--id names one recording; with several files each id comes from its file name");
            }
            var requests = sources.Select(source => new ImportRequest
            {
                Id = parse.GetValue(id) ?? RecordingId.FromName(source.Name),
                SourcePath = source.FullName,
                Codec = parse.GetValue(codec) is { } named ? ImportCodec.Parse(named) : ImportCodec.Auto,
                Stream = parse.GetValue(stream),
                Station = parse.GetValue(station),
                BitRate = parse.GetValue(bitrate) is { } b ? Formatting.ParseBitRate(b) : null,
                StartTime = parse.GetValue(startTime) is { } t ? Formatting.ParseInstant(t, "--start-time") : null,
                ChunkSeconds = parse.GetValue(chunkSeconds),
                Replace = parse.GetValue(replace),
                QuantizeFloat = parse.GetValue(quantize),
            }).ToList();
            if (requests.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1) is { } clash)
            {
                throw new UsageException($"{string.Join(" and ", clash.Select(r => Path.GetFileName(r.SourcePath)))} would all be recording " +
                    $"'{clash.Key}'; import them one at a time with --id");
            }
            // Reader too: the entity tells the recording's reader to forget a replaced recording, and a reader region
            // here takes that message where a proxy would hold it for a reader node that never comes.
            await using var backend = await RecordingBackend.OpenAsync(parse, [HarkRoles.Importer, HarkRoles.Reader], parse.GetValue(jobs), ct);
            return await ImportEachAsync(parse, requests, async request =>
            {
                var info = await ImportProgressView.RunAsync(request.Id, progress => ImportRun.RunAsync(backend.Recordings, request, progress, ct));
                Console.WriteLine(RecordFormatter.ImportSummary(info));
                if (RecordFormatter.ShortfallWarning(info) is { } warning)
                {
                    Console.WriteLine(warning);
                }
            });
        });
        return import;
    }

    /// <summary>
    /// One import: its error is the command's. Several: one after another in the same cluster; a file that fails is
    /// one line on stderr and the rest still import; a summary line at the end, exit 1 if any failed.
    /// </summary>
    private static async Task<int> ImportEachAsync(ParseResult parse, IReadOnlyList<ImportRequest> requests, Func<ImportRequest, Task> importOne)
    {
        if (requests.Count == 1)
        {
            await importOne(requests[0]);
            return ExitCodes.Ok;
        }
        var failed = new List<string>();
        foreach (var request in requests)
        {
            var name = Path.GetFileName(request.SourcePath);
            try
            {
                await importOne(request);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var message = CliAction.OneLine(e.Message);
                Console.Error.WriteLine($"hark: {(message.Contains(name, StringComparison.Ordinal) ? message : $"{name}: {message}")}");
                if (parse.GetValue(GlobalOptions.Verbose))
                {
                    Console.Error.WriteLine(e);
                }
                failed.Add(name);
            }
        }
        Console.WriteLine($"imported {requests.Count - failed.Count} of {requests.Count} files" +
            (failed.Count > 0 ? $"; failed: {string.Join(", ", failed)}" : ""));
        return failed.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
