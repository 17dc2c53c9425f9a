using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Hark.Actors.Sharding;
using Hark.Cli.Embedded;
using Hark.Cli.Remote;
using Hark.Engine.Import;
using Hark.Storage;

namespace Hark.Cli.Commands;

/// <summary><c>hark import FILE [--id] [--codec] [--bitrate] [--start-time] [--chunk-seconds] [--jobs] [--replace]</c>.</summary>
internal static partial class ImportCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILE")
        {
            Description = "Any audio file ffmpeg reads (wav, flac, mp3, ogg, m4a, w64, rf64, ...); several import one after another.",
            Arity = ArgumentArity.OneOrMore,
        };
        var id = new Option<string?>("--id") { Description = "Recording id (default: the file name without extension); only with one file." };
        var codec = new Option<string>("--codec") { Description = "aac (lossy, compact) or lac (lossless).", DefaultValueFactory = _ => AudioCodec.Aac.Name() };
        codec.AcceptOnlyFromAmong([.. AudioCodecs.All.Select(c => c.Name())]);
        var bitrate = new Option<string?>("--bitrate") { Description = "AAC bit rate, e.g. 160k (default 160k stereo and up, 128k mono)." };
        var startTime = new Option<string?>("--start-time") { Description = "When the first sample was recorded (ISO-8601); overrides the file's own time stamp." };
        var chunkSeconds = new Option<int>("--chunk-seconds") { Description = "Seconds of audio per parallel chunk.", DefaultValueFactory = _ => 120 };
        var jobs = new Option<int>("--jobs") { Description = "Parallel encoders (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var replace = new Option<bool>("--replace") { Description = "Replace an existing recording with the same id (kept until the new one is complete)." };
        var quantize = new Option<bool>("--quantize-float") { Description = "LAC: store floating point or 32-bit sources as 24-bit integers instead of refusing them." };
        var node = RemoteNode.Create();
        var import = new Command("import", "Import recordings into the archive (resumes an interrupted import of the same file and id).")
        {
            files, id, codec, bitrate, startTime, chunkSeconds, jobs, replace, quantize, node,
        };
        CliAction.Bind(import, async (parse, ct) =>
        {
            var sources = parse.GetValue(files)!;
            if (parse.GetValue(jobs) < 1)
            {
                throw new UsageException("--jobs must be at least 1");
            }
            if (sources.Length > 1 && parse.GetValue(id) is not null)
            {
                throw new UsageException("--id names one recording; with several files each id comes from its file name");
            }
            var requests = sources.Select(source => new ImportRequest
            {
                Id = parse.GetValue(id) ?? IdFromFileName(source.Name),
                SourcePath = source.FullName,
                Codec = AudioCodecs.Parse(parse.GetValue(codec)),
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
            using (var remote = RemoteNode.From(parse, node))
            {
                if (remote is not null)
                {
                    return await ImportEachAsync(parse, requests, request => RemoteCommands.ImportAsync(remote, request, ct));
                }
            }
            var context = await ArchiveContext.OpenAsync(parse, ct);
            await using var cluster = await InProcessCluster.StartAsync(parse, [HarkRoles.Importer, HarkRoles.Reader], parse.GetValue(jobs), ct);
            return await ImportEachAsync(parse, requests, async request =>
            {
                var result = await ImportProgressView.RunAsync(request.Id, progress => ClusterImport.RunAsync(cluster.Recordings, request, progress, ct));
                double seconds = (double)result.TotalSamples / result.SampleRate;
                long pcmBytes = result.TotalSamples * result.Channels * 2;
                var audioBytes = (await context.Archive.OpenRecordingAsync(result.Id, ct)).AudioBytes;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Id}: {Formatting.Duration(seconds)} ({result.TotalSamples} samples, {result.SampleRate} Hz, {result.Channels} ch), " +
                    $"{result.Codec.Name()} {Formatting.Bytes(audioBytes)}, {pcmBytes / (double)Math.Max(1, audioBytes):F1}x smaller than 16-bit PCM"));
                return ExitCodes.Ok;
            });
        });
        return import;
    }

    /// <summary>
    /// One import: its error is the command's. Several: one after another in the same cluster; a file that fails is
    /// one line on stderr and the rest still import; a summary line at the end, exit 1 if any failed.
    /// </summary>
    private static async Task<int> ImportEachAsync(ParseResult parse, IReadOnlyList<ImportRequest> requests, Func<ImportRequest, Task<int>> importOne)
    {
        if (requests.Count == 1)
        {
            return await importOne(requests[0]);
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

    /// <summary>A file name made into a valid id: other characters become '-'.</summary>
    internal static string IdFromFileName(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var id = InvalidIdCharacters().Replace(stem, "-").TrimStart('-', '.', '_');
        return id.Length == 0 ? "recording" : id[..Math.Min(id.Length, 128)];
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex InvalidIdCharacters();
}
