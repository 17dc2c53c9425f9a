using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hark.Cli.Remote;
using Hark.Storage;

namespace Hark.Cli.Commands;

/// <summary><c>hark info ID [--json]</c>, <c>hark ls [--json]</c>, <c>hark rm ID</c>.</summary>
internal static class RecordingCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return CreateInfo();
        yield return CreateList();
        yield return CreateRemove();
    }

    private static Command CreateInfo()
    {
        var id = new Argument<string>("ID") { Description = "Recording id." };
        var json = new Option<bool>("--json") { Description = "Print JSON (snake_case names)." };
        var node = RemoteNode.Create();
        var info = new Command("info", "Show a recording's metadata, index and audio sizes.") { id, json, node };
        CliAction.Bind(info, async (parse, ct) =>
        {
            using (var remote = RemoteNode.From(parse, node))
            {
                if (remote is not null)
                {
                    return await RemoteCommands.InfoAsync(remote, parse.GetValue(id)!, parse.GetValue(json), ct);
                }
            }
            var context = await ArchiveContext.OpenAsync(parse, ct);
            var reader = await context.Archive.OpenRecordingAsync(parse.GetValue(id)!, ct);
            var m = reader.Metadata;
            long pcmBytes = m.TotalSamples * m.Channels * (((m.BitDepth ?? 16) + 7) / 8);
            var fields = new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = m.Id, ["codec"] = m.Codec, ["sample_rate"] = m.SampleRate, ["channels"] = m.Channels,
                ["bit_depth"] = m.BitDepth, ["bitrate"] = m.Bitrate, ["audio_specific_config"] = m.AudioSpecificConfig,
                ["priming_samples"] = m.PrimingSamples, ["total_samples"] = m.TotalSamples, ["samples_per_frame"] = m.SamplesPerFrame,
                ["frame_count"] = m.FrameCount, ["duration_seconds"] = (double)m.TotalSamples / m.SampleRate,
                ["start_time"] = m.StartTime?.ToString("O", CultureInfo.InvariantCulture), ["source_name"] = m.SourceName,
                ["source_size"] = m.SourceSize, ["source_sha256"] = m.SourceSha256, ["encoder"] = m.Encoder, ["state"] = m.State.ToString().ToLowerInvariant(),
                ["created"] = m.Created.ToString("O", CultureInfo.InvariantCulture), ["completed"] = m.Completed?.ToString("O", CultureInfo.InvariantCulture),
                ["index_bytes"] = reader.IndexBytes, ["audio_bytes"] = reader.AudioBytes,
                ["index_ratio"] = reader.IndexBytes / (double)Math.Max(1, reader.AudioBytes),
                ["ratio_to_pcm"] = pcmBytes / (double)Math.Max(1, reader.AudioBytes),
            };
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(fields, new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                foreach (var (key, value) in fields)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key,-22} {value}"));
                }
            }
            return ExitCodes.Ok;
        });
        return info;
    }

    private static Command CreateList()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var node = RemoteNode.Create();
        var list = new Command("ls", "List the recordings of the archive, with their state.") { json, node };
        CliAction.Bind(list, async (parse, ct) =>
        {
            using (var remote = RemoteNode.From(parse, node))
            {
                if (remote is not null)
                {
                    return await RemoteCommands.ListAsync(remote, parse.GetValue(json), ct);
                }
            }
            var context = await ArchiveContext.OpenAsync(parse, ct);
            var recordings = await context.Archive.ListRecordingsAsync(ct);
            if (parse.GetValue(json))
            {
                var rows = recordings.Select(m => new Dictionary<string, object?>
                {
                    ["id"] = m.Id, ["state"] = m.State.ToString().ToLowerInvariant(), ["codec"] = m.Codec, ["sample_rate"] = m.SampleRate,
                    ["channels"] = m.Channels, ["total_samples"] = m.TotalSamples,
                    ["duration_seconds"] = m.SampleRate == 0 ? 0 : (double)m.TotalSamples / m.SampleRate,
                    ["start_time"] = m.StartTime?.ToString("O", CultureInfo.InvariantCulture),
                });
                Console.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Ok;
            }
            foreach (var m in recordings)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{m.Id,-32} {m.State.ToString().ToLowerInvariant(),-10} {m.Codec,-4} {m.SampleRate,6} Hz {m.Channels} ch {Formatting.Duration(m.SampleRate == 0 ? 0 : (double)m.TotalSamples / m.SampleRate),14}"));
            }
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command CreateRemove()
    {
        var id = new Argument<string>("ID") { Description = "Recording id." };
        var remove = new Command("rm", "Delete a recording and everything under it (and any unfinished import of it).") { id };
        CliAction.Bind(remove, async (parse, ct) =>
        {
            var context = await ArchiveContext.OpenAsync(parse, ct);
            var recordingId = parse.GetValue(id)!;
            await context.Archive.DeleteRecordingAsync(recordingId, ct);
            await context.Archive.DeleteStagingAsync(recordingId, ct);
            Console.WriteLine($"removed {recordingId}");
            return ExitCodes.Ok;
        });
        return remove;
    }
}
