using System.CommandLine;
using Hark.Cli.Backend;
using Hark.Cli.Output;

namespace Hark.Cli.Commands;

/// <summary><c>hark info ID [--json]</c>, <c>hark ls [--json]</c> (both with [--node]).</summary>
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
        var json = new Option<bool>("--json") { Description = "Print JSON (snake_case names), as GET /recordings/{id}/info answers." };
        var info = new Command("info", "Show a recording's metadata, index and audio sizes.") { id, json, NodeOption.Option, NodeOption.ApiKey };
        CliAction.Bind(info, async (parse, ct) =>
        {
            // Reads of the archive only: the cluster of one needs no role for them.
            await using var backend = await RecordingBackend.OpenAsync(parse, [], 0, ct);
            var recording = await backend.Recordings.GetInfoAsync(parse.GetValue(id)!, ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(RecordFormatter.ToJson(recording));
            }
            else
            {
                foreach (var line in RecordFormatter.InfoLines(recording))
                {
                    Console.WriteLine(line);
                }
            }
            return ExitCodes.Ok;
        });
        return info;
    }

    private static Command CreateList()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON: every recording's metadata, snake_case." };
        var station = new Option<string?>("--station") { Description = "Only this station's recordings, in start-time order." };
        var from = new Option<string?>("--from") { Description = "Only recordings that end after this time (ISO-8601; UTC when no offset)." };
        var to = new Option<string?>("--to") { Description = "Only recordings that start before this time (ISO-8601; UTC when no offset)." };
        var list = new Command("ls", "List the recordings of the archive, with their state.") { json, station, from, to, NodeOption.Option, NodeOption.ApiKey };
        CliAction.Bind(list, async (parse, ct) =>
        {
            var query = StationOptions.Query(parse.GetValue(station), parse.GetValue(from), parse.GetValue(to));
            await using var backend = await RecordingBackend.OpenAsync(parse, [], 0, ct);
            // Every recording has its group from the moment an import claims its id: imports in progress are listed too.
            var all = await backend.Recordings.ListAsync(ct);
            var recordings = query is null ? all.OrderBy(m => m.Id, StringComparer.Ordinal).ToList() : query.Apply(all);
            if (parse.GetValue(json))
            {
                Console.WriteLine(RecordFormatter.ToJson(recordings));
                return ExitCodes.Ok;
            }
            foreach (var recording in recordings)
            {
                Console.WriteLine(query is null ? RecordFormatter.ListRow(recording) : RecordFormatter.TimelineRow(recording));
            }
            return ExitCodes.Ok;
        });
        return list;
    }
}
