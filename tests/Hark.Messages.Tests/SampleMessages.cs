using Hark.Messages;

namespace Hark.Messages.Tests;

/// <summary>One instance of every wire message, with optional fields both set and unset.</summary>
public static class SampleMessages
{
    public const string Trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    public static ImportPlanData Plan(bool optionals) => new()
    {
        Id = "dawn-chorus",
        SourcePath = "/data/in/dawn chorus.wav",
        SourceName = "dawn chorus.wav",
        SourceSize = 5_123_456_789,
        SourceModified = new DateTimeOffset(2026, 5, 1, 4, 30, 0, TimeSpan.FromHours(2)),
        Codec = "aac",
        SampleRate = 48_000,
        Channels = 2,
        BitDepth = 24,
        BitRate = optionals ? 160_000 : null,
        StartTime = optionals ? new DateTimeOffset(2026, 5, 1, 2, 0, 0, TimeSpan.Zero) : null,
        ChunkSamples = 28_800_000,
        TotalSamples = optionals ? 8_294_400_000 : null,
        ChunkCount = 288,
        LeadInFrames = optionals ? 16 : 0,
        Replace = optionals,
        Staged = optionals,
        SourceSha256 = optionals ? new string('a', 64) : null,
        StartTimeSource = optionals ? "bext" : null,
        SourceIsFloat = optionals,
        SourcePcmOffset = optionals ? 44 : null,
        Created = new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero),
    };

    public static IEnumerable<object> All()
    {
        foreach (bool optionals in new[] { true, false })
        {
            string? trace = optionals ? Trace : null;
            yield return new StartImport("rec-1", "/x/y.flac", "lac", optionals ? 128_000 : null,
                optionals ? DateTimeOffset.UnixEpoch : null, 600, optionals, !optionals, optionals ? 16 : 0, trace);
            yield return new ImportStatus("rec-1", optionals ? ImportPhase.Failed : ImportPhase.Importing, 3, 9, optionals ? "corrupt" : null, 7, 5400.5);
            yield return new DeleteRecording("rec-1", trace);
            yield return new RecordingDeleted("rec-1", optionals, optionals ? "storage down" : null);
            yield return new ChunkJob("rec-1", 7, Plan(optionals), trace);
            yield return new CommitImport("rec-1", Plan(optionals), trace);
            yield return new ReadSegment("rec-1", Guid.NewGuid(), long.MaxValue - 5, 1, optionals ? SegmentEncoding.S16 : SegmentEncoding.Wav, trace);
        }
        yield return new GetImportStatus("ünïcödé-id");
        yield return new WorkAvailable("rec-1");
        yield return new RequestWork("rec-1");
        yield return new NoWork("rec-1");
        yield return new ChunkEncoded("rec-1", 4, 4688, 1_234_567, 4_800_000, 0.625, "akka.tcp://hark@10.0.0.2:4053");
        yield return new ChunkFailed("rec-1", 4, "ffmpeg exited with 1", "akka.tcp://hark@10.0.0.2:4053");
        yield return new ImportCommitted("rec-1", 4_800_000, 4689);
        yield return new CommitFailed("rec-1", "chunk 3 is not encoded");
        yield return new SegmentAck(Guid.NewGuid(), 99);
        yield return new SegmentCompleted(Guid.NewGuid(), 12, 777_000);
        yield return new SegmentFailed(Guid.NewGuid(), SegmentFailure.Range, "past the end");
        yield return new ForgetRecording("rec-1");
        yield return new ResumeImport("rec-1");
    }
}
