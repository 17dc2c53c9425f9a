using Hark.Engine.Import.Sources;
using System.CommandLine;
using Hark.Actors.Sharding;
using Hark.Cli.Backend;
using Hark.Storage;
using Hark.Cli.Output;

namespace Hark.Cli.Commands;

/// <summary><c>hark import SOURCE... [--concurrency] [--id] [--codec] [--stream] [--station] [--bitrate] [--start-time] [--chunk-seconds] [--jobs] [--replace] [--quantize-float] [--node]</c>.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("SOURCE")
        {
            Description = "Any audio file ffmpeg reads (wav, flac, mp3, ogg, m4a, w64, rf64, ...), a folder of them or a glob " +
                "('cards/*.wav'); several files import as one batch, --concurrency at a time.",
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
        var namePattern = new Option<string?>("--name-pattern")
        {
            Description = "How the files are named, e.g. '{station}_{yyyy}{MM}{dd}_{HH}{mm}{ss}': each file's start time (UTC) and station from its name " +
                "when the file itself does not say (fields {station} {yyyy} {MM} {dd} {HH} {mm} {ss} {*}; docs/batches.md).",
        };
        var startTime = new Option<string?>("--start-time") { Description = "When the first sample was recorded (ISO-8601); overrides the file's own time stamp." };
        var chunkSeconds = new Option<int>("--chunk-seconds") { Description = "Seconds of audio per parallel chunk.", DefaultValueFactory = _ => 120 };
        var concurrency = new Option<int>("--concurrency")
        {
            Description = $"A batch's imports in flight at once (default {BatchRequest.DefaultConcurrency}); each is spread over every encoder of the cluster.",
            DefaultValueFactory = _ => BatchRequest.DefaultConcurrency,
        };
        var upload = new Option<bool>("--upload")
        {
            Description = "With --node: send the files to the node's archive (resumable, SHA-256 checked) instead of asking it to read " +
                "their paths; done anyway when the node cannot read a path.",
        };
        var keepUpload = new Option<bool>("--keep-upload") { Description = "Keep an upload in the archive after its import (default: removed once imported)." };
        var jobs = new Option<int>("--jobs") { Description = "Parallel encoders (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var replace = new Option<bool>("--replace") { Description = "Replace an existing recording with the same id (kept until the new one is complete)." };
        var quantize = new Option<bool>("--quantize-float") { Description = "LAC: store floating point or 32-bit sources as 24-bit integers instead of refusing them." };
        var import = new Command("import", "Import recordings into the archive (resumes an interrupted import of the same file and id).")
        {
            files, id, codec, stream, station, namePattern, bitrate, startTime, chunkSeconds, concurrency, jobs, replace, quantize, upload, keepUpload, NodeOption.Option, NodeOption.ApiKey,
        };
        CliAction.Bind(import, async (parse, ct) =>
        {
            var sources = parse.GetValue(files)!;
            if (parse.GetValue(jobs) < 1)
            {
                throw new UsageException("--jobs must be at least 1");
            }
            if (parse.GetValue(concurrency) is < 1 or > BatchRequest.MaxConcurrency)
            {
                throw new UsageException($"--concurrency must be 1 to {BatchRequest.MaxConcurrency}");
            }
            if (parse.GetValue(stream) < 0)
            {
                throw new UsageException("--stream counts audio streams from 0");
            }
            if (parse.GetValue(station) is { } named && !StationName.IsValid(named))
            {
                throw new UsageException($"--station {StationName.Rule}");
            }
            if (parse.GetValue(namePattern) is { } patternText)
            {
                try
                {
                    FileNamePattern.Parse(patternText);
                }
                catch (ArgumentException e)
                {
                    throw new UsageException($"--name-pattern: {e.Message}");
                }
            }
            var template = new ImportRequest
            {
                NamePattern = parse.GetValue(namePattern),
                Id = "batch",
                SourcePath = "",
                Codec = parse.GetValue(codec) is { } codecName ? ImportCodec.Parse(codecName) : ImportCodec.Auto,
                Stream = parse.GetValue(stream),
                Station = parse.GetValue(station),
                BitRate = parse.GetValue(bitrate) is { } b ? Formatting.ParseBitRate(b) : null,
                StartTime = parse.GetValue(startTime) is { } t ? Formatting.ParseInstant(t, "--start-time") : null,
                ChunkSeconds = parse.GetValue(chunkSeconds),
                Replace = parse.GetValue(replace),
                QuantizeFloat = parse.GetValue(quantize),
            };
            bool fromInput = sources.Contains(StandardInput.Address);
            if (fromInput && (sources.Length > 1 || parse.GetValue(id) is null || NodeOption.From(parse) is not null))
            {
                throw new UsageException("`hark import -` reads one WAV stream from standard input into this archive: give --id, no other source and no --node");
            }
            bool single = sources.Length == 1 && !IsBatchPattern(sources[0]);
            if (!single && parse.GetValue(id) is not null)
            {
                throw new UsageException("--id names one recording; in a batch each id comes from its file name");
            }
            // Reader too: the entity tells the recording's reader to forget a replaced recording, and a reader region
            // here takes that message where a proxy would hold it for a reader node that never comes.
            await using var backend = await RecordingBackend.OpenAsync(parse, [HarkRoles.Importer, HarkRoles.Reader], parse.GetValue(jobs), ct);
            var node = backend.Recordings as NodeClient;
            if (parse.GetValue(upload) && node is null)
            {
                throw new UsageException("--upload sends files to the node --node names");
            }
            bool keep = parse.GetValue(keepUpload);
            if (!single)
            {
                var batch = new BatchRequest
                {
                    Sources = [.. sources.Select(Path.GetFullPath)],
                    Concurrency = parse.GetValue(concurrency),
                    Template = template,
                };
                if (node is null)
                {
                    return BatchRun.ExitCodeOf(await BatchRun.RunAsync(backend.Recordings, batch, ct));
                }
                return await BatchThroughNodeAsync(node, batch, parse.GetValue(upload), keep, ct);
            }
            var source = new FileInfo(sources[0]);
            var request = template with { Id = parse.GetValue(id) ?? RecordingId.FromName(source.Name), SourcePath = fromInput ? StandardInput.Address : source.FullName };
            if (fromInput)
            {
                StandardInput.Attach(Console.OpenStandardInput);
            }
            RecordingInfo info;
            if (node is not null && parse.GetValue(upload))
            {
                info = await ImportUploadedAsync(node, request, keep, ct);
            }
            else
            {
                try
                {
                    info = await ImportProgressView.RunAsync(request.Id, progress => ImportRun.RunAsync(backend.Recordings, request, progress, ct));
                }
                catch (Exception e) when (node is not null && source.Exists && UploadRun.NodeCannotRead(e))
                {
                    Console.Error.WriteLine($"the node cannot read {source.FullName} ({CliAction.OneLine(e.Message)}): uploading it");
                    info = await ImportUploadedAsync(node, request, keep, ct);
                }
            }
            Console.WriteLine(RecordFormatter.ImportSummary(info));
            if (RecordFormatter.ShortfallWarning(info) is { } warning)
            {
                Console.WriteLine(warning);
            }
            return ExitCodes.Ok;
        });
        return import;
    }

    private static async Task<RecordingInfo> ImportUploadedAsync(NodeClient node, ImportRequest request, bool keep, CancellationToken ct)
    {
        var uploaded = request with { SourcePath = await UploadRun.SourceAsync(node, request.SourcePath, ct) };
        var info = await ImportProgressView.RunAsync(request.Id, progress => ImportRun.RunAsync(node, uploaded, progress, ct));
        if (!keep)
        {
            await node.Uploads.DeleteAsync(UploadRun.IdOf(uploaded.SourcePath)!, ct);
        }
        return info;
    }

    /// <summary>
    /// A batch on a node: of the paths as they are when the node can read them, else (or with --upload) of the files
    /// uploaded first; uploads of sources that ended archived are removed unless kept.
    /// </summary>
    private static async Task<int> BatchThroughNodeAsync(NodeClient node, BatchRequest batch, bool upload, bool keep, CancellationToken ct)
    {
        if (!upload)
        {
            try
            {
                return BatchRun.ExitCodeOf(await BatchRun.RunAsync(node, batch, ct));
            }
            catch (Exception e) when (UploadRun.NodeCannotRead(e))
            {
                Console.Error.WriteLine($"the node cannot read the batch's files ({CliAction.OneLine(e.Message)}): uploading them");
            }
        }
        var uploads = new List<string>();
        foreach (var item in Hark.Engine.Batches.BatchSources.Expand(batch.Sources))
        {
            uploads.Add(await UploadRun.SourceAsync(node, item.Source, ct));
        }
        var finished = await BatchRun.RunAsync(node, batch with { Sources = uploads }, ct);
        if (!keep)
        {
            foreach (var item in finished.Items.Where(i => i.State is BatchItemState.Complete or BatchItemState.Skipped))
            {
                if (UploadRun.IdOf(item.Source) is { } uploadId)
                {
                    await node.Uploads.DeleteAsync(uploadId, ct);
                }
            }
        }
        return BatchRun.ExitCodeOf(finished);
    }

    /// <summary>A folder or a glob: a batch even when it is the only argument.</summary>
    private static bool IsBatchPattern(string source) => source.IndexOfAny(['*', '?']) >= 0 || Directory.Exists(source);
}
