using System.Diagnostics;
using System.Globalization;
using Hark.Cli.Output;

namespace Hark.Cli.Commands;

/// <summary>
/// <c>hark segment ID --list FILE -o DIR</c>: every clip of the list (<see cref="ClipList"/>) from one recording, read
/// <c>--jobs</c> at a time through one front door, so the recording's index is loaded once and the clips decode on
/// every core. Each file appears whole or not at all (<see cref="OutputFile"/>).
/// </summary>
internal static class ClipListRun
{
    public static async Task<int> RunAsync(IRecordingService recordings, RecordingMetadata meta, string listPath, string directory,
        SegmentFormat format, int jobs, CancellationToken ct)
    {
        var clips = ClipList.Read(listPath, meta);
        Directory.CreateDirectory(directory);
        string extension = "." + format.Name();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(clips, new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = ct }, async (clip, token) =>
            await OutputFile.WriteAsync(Path.Combine(directory, clip.Name + extension), destination =>
                recordings.WriteSegmentAsync(meta.Id, clip.Start, clip.Count, format, destination, token)));
        double seconds = clips.Sum(c => (double)c.Count) / meta.SampleRate;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{clips.Count} clip{(clips.Count == 1 ? "" : "s")} ({seconds:0.###} s of audio) written to {directory} in {watch.Elapsed.TotalSeconds:0.00} s"));
        return ExitCodes.Ok;
    }
}
