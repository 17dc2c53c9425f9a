using System.CommandLine;
using Hark.Actors.Sharding;
using Hark.Cli.Backend;
using Hark.Cli.Output;

namespace Hark.Cli.Commands;

/// <summary><c>hark verify ID [--json]</c> and <c>hark rm ID</c> (both with [--node]): whole-recording checks and removal.</summary>
internal static class ArchiveCommands
{
    public static Command Verify()
    {
        var id = new Argument<string>("ID") { Description = "The recording to check." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON, as POST /recordings/{id}/verify answers." };
        var verify = new Command("verify", "Check every chunk's checksum and the index of a recording; exit 1 if anything is wrong.")
        {
            id, json, NodeOption.Option, NodeOption.ApiKey,
        };
        CliAction.Bind(verify, async (parse, ct) =>
        {
            var recording = ValidId(parse.GetValue(id));
            await using var backend = await RecordingBackend.OpenAsync(parse, [], 0, ct);
            var report = await backend.Recordings.VerifyAsync(recording, ct);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(RecordFormatter.ToJson(report));
            }
            else
            {
                foreach (var line in RecordFormatter.VerifyLines(report))
                {
                    Console.Out.WriteLine(line);
                }
                if (!report.Valid)
                {
                    Console.Error.WriteLine($"hark: {report.Id}: {report.Problems.Count} problem(s) found");
                }
            }
            return report.Valid ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return verify;
    }

    public static Command Remove()
    {
        var id = new Argument<string>("ID") { Description = "The recording to delete (any state)." };
        var rm = new Command("rm", "Delete a recording with all its data and staged work; an import of it in flight is revoked.")
        {
            id, NodeOption.Option, NodeOption.ApiKey,
        };
        CliAction.Bind(rm, async (parse, ct) =>
        {
            var recording = ValidId(parse.GetValue(id));
            // Through the recording's entity, which revokes an import in flight before anything is removed; the reader
            // region takes the entity's word that its reader should forget the recording.
            await using var backend = await RecordingBackend.OpenAsync(parse, [HarkRoles.Importer, HarkRoles.Reader], 0, ct);
            await backend.Recordings.DeleteAsync(recording, ct);
            Console.Out.WriteLine($"{recording}: deleted");
            return ExitCodes.Ok;
        });
        return rm;
    }

    private static string ValidId(string? id) =>
        RecordingId.IsValid(id) ? id! : throw new UsageException(new InvalidRecordingIdException(id).Message);
}
