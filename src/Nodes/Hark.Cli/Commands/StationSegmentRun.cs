using System.CommandLine;
using System.Globalization;
using Hark.Actors.Sharding;
using Hark.Cli.Backend;
using Hark.Cli.Output;
using Hark.Engine.Stations;

namespace Hark.Cli.Commands;

/// <summary>
/// <c>hark segment --station S --at ISO --duration D -o DIR</c>: every recording of the station covering the moment,
/// read at once (each by its own reader, in a cluster) into DIR/ID.wav (or .f32, .s16), one line per file.
/// </summary>
internal static class StationSegmentRun
{
    public static async Task<int> RunAsync(ParseResult parse, string station, string? at, string? duration, SegmentFormat format, string directory, CancellationToken ct)
    {
        if (!StationName.IsValid(station))
        {
            throw new UsageException($"--station {StationName.Rule}");
        }
        if (at is null || duration is null)
        {
            throw new UsageException("--station needs --at (an ISO-8601 time) and --duration");
        }
        if (directory == OutputFile.StandardOutput)
        {
            throw new UsageException("with --station, -o names a directory: one file per recording");
        }
        var instant = Formatting.ParseInstant(at, "--at");
        double seconds = Formatting.ParseTime(duration, "--duration");
        if (!(seconds > 0))
        {
            throw new UsageException("--duration must be positive");
        }
        var lines = new List<string>();
        await using (var backend = await RecordingBackend.OpenAsync(parse, [HarkRoles.Reader], 0, ct))
        {
            var parts = StationMoment.At(station, instant, TimeSpan.FromSeconds(seconds), await backend.Recordings.ListAsync(ct));
            if (parts.Count == 0)
            {
                throw new InvalidOperationException(
                    $"no complete recording of station {station} covers {UtcText.Of(instant)}");
            }
            Directory.CreateDirectory(directory);
            string extension = format.Name();
            await Task.WhenAll(parts.Select(part => OutputFile.WriteAsync(Path.Combine(directory, $"{part.Recording.Id}.{extension}"), destination =>
                backend.Recordings.WriteSegmentAsync(part.Recording.Id, part.StartSample, part.Count, format, destination, ct))));
            lines.AddRange(parts.Select(part => string.Create(CultureInfo.InvariantCulture,
                $"{part.Recording.Id}: samples {part.StartSample}+{part.Count} ({(double)part.Count / part.Recording.SampleRate:0.000} s) -> {Path.Combine(directory, $"{part.Recording.Id}.{extension}")}")));
        }
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }
        return ExitCodes.Ok;
    }
}
