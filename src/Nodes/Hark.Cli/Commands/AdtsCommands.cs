using System.CommandLine;
using Hark.Codec.Adts;

namespace Hark.Cli.Commands;

/// <summary><c>hark adts inspect FILE [--json] [--frames]</c>.</summary>
internal static class AdtsCommands
{
    public static Command Create()
    {
        var adts = new Command("adts", "Work with ADTS (.aac) streams.");
        adts.Subcommands.Add(CreateInspect());
        return adts;
    }

    private static Command CreateInspect()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An ADTS (.aac) file." };
        var json = new Option<bool>("--json") { Description = "Print JSON (schema in docs/adts-inspect.md)." };
        var frames = new Option<bool>("--frames") { Description = "Also list every frame with every header field." };
        var inspect = new Command("inspect", "Summarise an ADTS stream: frames, duration, format, bit rate, CRC, damage.")
        {
            file, json, frames,
        };
        CliAction.Bind(inspect, (parse, _) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new FileNotFoundException($"{path.Name}: no such file");
            }
            bool listFrames = parse.GetValue(frames);
            var listed = new List<AdtsFrameRecord>();
            AdtsSummary summary;
            using (var stream = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            {
                summary = AdtsInspector.Inspect(stream, listFrames ? f => listed.Add(AdtsFrameRecord.From(listed.Count, f)) : null);
            }
            if (summary.FrameCount == 0)
            {
                throw new InvalidDataException($"{path.Name}: no ADTS frames found ({summary.BytesSkipped} bytes scanned)");
            }
            if (parse.GetValue(json))
            {
                Console.Out.Write(AdtsReport.ToJson(path.Name, summary, listFrames ? listed : null));
            }
            else
            {
                Console.Out.Write(AdtsReport.ToText(path.Name, summary, listFrames ? listed : null));
            }
            return Task.FromResult(ExitCodes.Ok);
        });
        return inspect;
    }
}
