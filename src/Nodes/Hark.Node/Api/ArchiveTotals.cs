namespace Hark.Node.Api;

/// <summary>GET /cluster/archive: what the archive holds, from its listing (no recording is opened).</summary>
/// <param name="Hours">Hours of audio of the complete recordings.</param>
public sealed record ArchiveTotals(int Recordings, int Complete, int Importing, int Failed, double Hours, IReadOnlyList<CodecTotals> ByCodec)
{
    public static ArchiveTotals Of(IReadOnlyList<RecordingMetadata> recordings)
    {
        var complete = recordings.Where(r => r.State == RecordingPhase.Complete).ToList();
        return new ArchiveTotals(
            recordings.Count,
            complete.Count,
            recordings.Count(r => r.State == RecordingPhase.Importing),
            recordings.Count(r => r.State == RecordingPhase.Failed),
            complete.Sum(r => r.DurationSeconds) / 3600,
            [.. complete.GroupBy(r => r.Codec).OrderBy(g => g.Key)
                .Select(g => new CodecTotals(g.Key, g.Count(), g.Sum(r => r.DurationSeconds) / 3600))]);
    }
}

/// <summary>Complete recordings of one codec.</summary>
public sealed record CodecTotals(AudioCodec Codec, int Recordings, double Hours);
