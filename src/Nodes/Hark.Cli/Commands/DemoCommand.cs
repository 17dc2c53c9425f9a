using System.CommandLine;
using System.Diagnostics;
using Hark.Codec.Adts;

namespace Hark.Cli.Commands;

/// <summary>
/// <c>hark demo</c>: makes a real recording with ffmpeg and shows what Hark does with it.
/// For now it encodes a generated tone sweep to ADTS and inspects it; the import-and-read demo replaces this.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var demo = new Command("demo", "Generate a real test recording and show what Hark does with it.");
        CliAction.Bind(demo, async (_, cancellationToken) =>
        {
            var folder = Path.GetFullPath("demo");
            Directory.CreateDirectory(folder);
            var aac = Path.Combine(folder, "sweep.aac");
            Console.WriteLine($"demo: encoding 60 s of a stereo chirp with ffmpeg's AAC encoder -> {Path.GetRelativePath(Environment.CurrentDirectory, aac)}");
            await ExternalTool.RunAsync("ffmpeg",
                ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                 "aevalsrc=0.5*sin(2*PI*(200+40*t)*t)|0.5*sin(2*PI*(300+30*t)*t):s=44100:d=60",
                 "-c:a", "aac", "-b:a", "160k", "-aac_pns", "0", "-f", "adts", aac], cancellationToken);
            var watch = Stopwatch.StartNew();
            AdtsSummary summary;
            await using (var stream = File.OpenRead(aac))
            {
                summary = AdtsInspector.Inspect(stream);
            }
            watch.Stop();
            Console.Write(AdtsReport.ToText(Path.GetFileName(aac), summary, null));
            Console.WriteLine($"demo: parsed {summary.FrameCount} ADTS frames in {watch.Elapsed.TotalMilliseconds:F1} ms");
            return ExitCodes.Ok;
        });
        return demo;
    }
}
