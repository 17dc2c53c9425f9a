using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hark.Cli.Remote;
using Hark.Engine.Import;

namespace Hark.Cli.Commands;

/// <summary><c>hark info ID [--json]</c>, <c>hark ls [--json]</c>.</summary>
internal static class RecordingCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return CreateInfo();
        yield return CreateList();
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
                ["id"] = m.Id, ["codec"] = m.Codec.Name(), ["sample_rate"] = m.SampleRate, ["channels"] = m.Channels,
                ["bit_depth"] = m.BitDepth, ["bitrate"] = m.Bitrate, ["audio_specific_config"] = m.AudioSpecificConfig,
                ["priming_samples"] = m.PrimingSamples, ["total_samples"] = m.TotalSamples, ["samples_per_frame"] = m.SamplesPerFrame,
                ["frame_count"] = m.FrameCount, ["duration_seconds"] = (double)m.TotalSamples / m.SampleRate,
                ["start_time"] = m.StartTime?.ToString("O", CultureInfo.InvariantCulture), ["source_name"] = m.SourceName,
                ["source_size"] = m.SourceSize, ["source_sha256"] = m.SourceSha256, ["encoder"] = m.Encoder, ["state"] = m.State.Name(),
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
            // Every recording has its group from the moment an import claims its id: imports in progress are listed too.
            var rows = recordings.Select(m => new ListRow(m.Id, m.State.Name(), m.Codec.Name(), m.SampleRate, m.Channels,
                    m.TotalSamples, m.StartTime, m.FailureReason))
                .OrderBy(r => r.Id, StringComparer.Ordinal)
                .ToList();
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(rows.Select(r => new Dictionary<string, object?>
                {
                    ["id"] = r.Id, ["state"] = r.State, ["codec"] = r.Codec, ["sample_rate"] = r.SampleRate, ["channels"] = r.Channels,
                    ["total_samples"] = r.TotalSamples, ["duration_seconds"] = r.DurationSeconds,
                    ["start_time"] = r.StartTime?.ToString("O", CultureInfo.InvariantCulture), ["failure_reason"] = r.FailureReason,
                }), new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Ok;
            }
            foreach (var r in rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Id,-32} {r.State,-10} {r.Codec,-4} {r.SampleRate,6} Hz {r.Channels} ch {Formatting.Duration(r.DurationSeconds),14}{(r.FailureReason is null ? "" : "  " + r.FailureReason)}"));
            }
            return ExitCodes.Ok;
        });
        return list;
    }

    private sealed record ListRow(string Id, string State, string Codec, int SampleRate, int Channels, long TotalSamples, DateTimeOffset? StartTime, string? FailureReason)
    {
        public double DurationSeconds => SampleRate == 0 ? 0 : (double)TotalSamples / SampleRate;
    }
}
