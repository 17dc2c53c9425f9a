namespace Hark.Engine.Stations;

/// <summary>A station's timeline written as WAV or M4A: the one choice the CLI and the HTTP route both make.</summary>
public static class StationExport
{
    /// <returns>For M4A, how far the worst-placed recording sits from its time; null for WAV, which is exact.</returns>
    public static async Task<StationM4aReport?> WriteAsync(IRecordingService recordings, StationTimeline timeline, ExportFormat format,
        Stream destination, string scratchDirectory, CancellationToken ct)
    {
        switch (format)
        {
            case ExportFormat.Wav:
                await StationWavExport.WriteAsync(recordings, timeline, destination, ct);
                return null;
            case ExportFormat.M4a:
                return await StationM4aExport.WriteAsync(recordings, timeline, destination, scratchDirectory, ct);
            default:
                throw new ExportNotPossibleException($"a station exports as wav or m4a, not {format.Name()}");
        }
    }
}
