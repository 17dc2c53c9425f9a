namespace Hark.Node.Api;

/// <summary>GET /cluster/archive: what the archive holds, from its listing (no recording is opened).</summary>
/// <param name="Hours">Hours of audio of the complete recordings.</param>
/// <param name="StoredBytes">Encoded audio bytes of the complete recordings whose size is recorded (every recording committed since sizes were).</param>
/// <param name="PcmBytes">The same recordings' samples as PCM at the source's depth (16-bit for the lossy codecs).</param>
/// <param name="RatioToPcm">PCM bytes over stored bytes: how many times smaller the archive is; null when no size is recorded.</param>
/// <param name="Unsized">Complete recordings committed before sizes were recorded, left out of the byte totals.</param>
public sealed record ArchiveTotals(int Recordings, int Complete, int Importing, int Failed, double Hours,
    long StoredBytes, long PcmBytes, double? RatioToPcm, int Unsized, IReadOnlyList<CodecTotals> ByCodec)
{
    public static ArchiveTotals Of(IReadOnlyList<RecordingMetadata> recordings)
    {
        var complete = recordings.Where(r => r.State == RecordingPhase.Complete).ToList();
        var all = Sizes.Of(complete);
        return new ArchiveTotals(
            recordings.Count,
            complete.Count,
            recordings.Count(r => r.State == RecordingPhase.Importing),
            recordings.Count(r => r.State == RecordingPhase.Failed),
            complete.Sum(r => r.DurationSeconds) / 3600,
            all.Stored, all.Pcm, all.Ratio, all.Unsized,
            [.. complete.GroupBy(r => r.Codec).OrderBy(g => g.Key).Select(g =>
            {
                var sizes = Sizes.Of(g);
                return new CodecTotals(g.Key, g.Count(), g.Sum(r => r.DurationSeconds) / 3600, sizes.Stored, sizes.Pcm, sizes.Ratio);
            })]);
    }

    private readonly record struct Sizes(long Stored, long Pcm, int Unsized)
    {
        public double? Ratio => Stored > 0 ? (double)Pcm / Stored : null;

        public static Sizes Of(IEnumerable<RecordingMetadata> complete)
        {
            long stored = 0, pcm = 0;
            int unsized = 0;
            foreach (var recording in complete)
            {
                if (recording.StoredBytes is { } bytes)
                {
                    stored += bytes;
                    pcm += recording.PcmBytes;
                }
                else
                {
                    unsized++;
                }
            }
            return new Sizes(stored, pcm, unsized);
        }
    }
}

/// <summary>Complete recordings of one codec, with their stored bytes and compression against PCM (see <see cref="ArchiveTotals"/>).</summary>
public sealed record CodecTotals(AudioCodec Codec, int Recordings, double Hours, long StoredBytes, long PcmBytes, double? RatioToPcm);
