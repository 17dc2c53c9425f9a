using System.CommandLine;
using System.Text.Json;
using Hark.Storage;

namespace Hark.Cli.Commands;

/// <summary><c>hark verify ID [--json]</c> and <c>hark rm ID</c>: whole-recording checks and removal.</summary>
internal static class ArchiveCommands
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static Command Verify()
    {
        var id = new Argument<string>("ID") { Description = "The recording to check." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var verify = new Command("verify", "Check every chunk's checksum and the index of a recording; exit 1 if anything is wrong.") { id, json };
        CliAction.Bind(verify, async (parse, ct) =>
        {
            var recording = ValidId(parse.GetValue(id));
            var archive = ArchiveStore.Open(parse.GetValue(GlobalOptions.Archive)!);
            var result = await archive.VerifyRecordingAsync(recording, null, ct);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    result.Id, result.AudioBytes, result.AudioChunks, result.IndexBytes, result.FrameCount, result.Problems, Valid = result.IsValid,
                }, Json));
            }
            else if (result.IsValid)
            {
                Console.Out.WriteLine($"{result.Id}: ok ({result.FrameCount} frames, {result.AudioBytes} audio bytes in {result.AudioChunks} chunks, index {result.IndexBytes} bytes)");
            }
            else
            {
                foreach (var problem in result.Problems)
                {
                    Console.Out.WriteLine($"{result.Id}: {problem}");
                }
                Console.Error.WriteLine($"hark: {result.Id}: {result.Problems.Count} problem(s) found");
            }
            return result.IsValid ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return verify;
    }

    public static Command Remove()
    {
        var id = new Argument<string>("ID") { Description = "The recording to delete (any state)." };
        var rm = new Command("rm", "Delete a recording with all its data and staged work.") { id };
        CliAction.Bind(rm, async (parse, ct) =>
        {
            var recording = ValidId(parse.GetValue(id));
            var archive = ArchiveStore.Open(parse.GetValue(GlobalOptions.Archive)!);
            await archive.DeleteRecordingAsync(recording, ct);
            Console.Out.WriteLine($"{recording}: deleted");
            return ExitCodes.Ok;
        });
        return rm;
    }

    private static string ValidId(string? id) =>
        RecordingId.IsValid(id) ? id! : throw new UsageException(new InvalidRecordingIdException(id).Message);
}
