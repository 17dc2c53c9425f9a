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
        var file = new Argument<FileInfo>("FILE") { Description = "Any audio file ffmpeg reads (wav, flac, mp3, ogg, m4a, w64, rf64, ...)." };
        var id = new Option<string?>("--id") { Description = "Recording id (default: the file name without extension)." };
        var codec = new Option<string>("--codec") { Description = "aac (lossy, compact) or lac (lossless).", DefaultValueFactory = _ => "aac" };
        codec.AcceptOnlyFromAmong("aac", "lac");
        var bitrate = new Option<string?>("--bitrate") { Description = "AAC bit rate, e.g. 160k (default 160k stereo and up, 128k mono)." };
        var startTime = new Option<string?>("--start-time") { Description = "When the first sample was recorded (ISO-8601); overrides the file's own time stamp." };
        var chunkSeconds = new Option<int>("--chunk-seconds") { Description = "Seconds of audio per parallel chunk.", DefaultValueFactory = _ => 120 };
        var jobs = new Option<int>("--jobs") { Description = "Parallel encoders (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var replace = new Option<bool>("--replace") { Description = "Replace an existing recording with the same id (kept until the new one is complete)." };
        var quantize = new Option<bool>("--quantize-float") { Description = "LAC: store floating point or 32-bit sources as 24-bit integers instead of refusing them." };
        var node = RemoteNode.Create();
        var import = new Command("import", "Import a recording into the archive (resumes an interrupted import of the same file and id).")
        {
            file, id, codec, bitrate, startTime, chunkSeconds, jobs, replace, quantize, node,
        };
        CliAction.Bind(import, async (parse, ct) =>
        {
            var source = parse.GetValue(file)!;
            if (parse.GetValue(jobs) < 1)
            {
                throw new UsageException("--jobs must be at least 1");
            }
            var request = new ImportRequest
            {
                Id = parse.GetValue(id) ?? IdFromFileName(source.Name),
                SourcePath = source.FullName,
                Codec = parse.GetValue(codec)!,
                BitRate = parse.GetValue(bitrate) is { } b ? Formatting.ParseBitRate(b) : null,
                StartTime = parse.GetValue(startTime) is { } t ? Formatting.ParseInstant(t, "--start-time") : null,
                ChunkSeconds = parse.GetValue(chunkSeconds),
                Replace = parse.GetValue(replace),
                QuantizeFloat = parse.GetValue(quantize),
            };
            using (var remote = RemoteNode.From(parse, node))
            {
                if (remote is not null)
                {
                    return await RemoteCommands.ImportAsync(remote, request, ct);
                }
            }
            var context = await ArchiveContext.OpenAsync(parse, ct);
            RecordingMetadata result;
            await using (var cluster = await InProcessCluster.StartAsync(parse,
                [HarkRoles.Importer, HarkRoles.Reader], parse.GetValue(jobs), ct))
            {
                result = await ImportProgressView.RunAsync(request.Id, progress => ClusterImport.RunAsync(cluster.Recordings, request, progress, ct));
            }

            double seconds = (double)result.TotalSamples / result.SampleRate;
            long pcmBytes = result.TotalSamples * result.Channels * 2;
            var audioBytes = (await context.Archive.OpenRecordingAsync(result.Id, ct)).AudioBytes;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Id}: {Formatting.Duration(seconds)} ({result.TotalSamples} samples, {result.SampleRate} Hz, {result.Channels} ch), " +
                $"{result.Codec} {Formatting.Bytes(audioBytes)}, {pcmBytes / (double)Math.Max(1, audioBytes):F1}x smaller than 16-bit PCM"));
            return ExitCodes.Ok;
        });
        return import;
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
