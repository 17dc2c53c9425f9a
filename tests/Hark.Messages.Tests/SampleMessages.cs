using Hark.Messages;

namespace Hark.Messages.Tests;

/// <summary>One instance of every wire message, with optional fields both set and unset.</summary>
public static class SampleMessages
{
    public const string Trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    public const string Token = "t20261201T101500Z-3fa2c01b5e6d7788";

    public static ImportRequest Request(bool optionals) => new()
    {
        Id = "dawn-chorus",
        SourcePath = "/data/in/dawn chorus.wav",
        Codec = optionals ? AudioCodec.Lac : AudioCodec.Aac,
        NamePattern = optionals ? "{station}_{yyyy}{MM}{dd}_{HH}{mm}{ss}" : null,
        Station = optionals ? "SITE4" : null,
        BitRate = optionals ? 160_000 : null,
        StartTime = optionals ? new DateTimeOffset(2026, 5, 1, 2, 0, 0, TimeSpan.Zero) : null,
        ChunkSeconds = 600,
        Replace = optionals,
        QuantizeFloat = !optionals,
        LeadInFrames = optionals ? 16 : 0,
    };

    public static IEnumerable<object> All()
    {
        foreach (bool optionals in new[] { true, false })
        {
            string? trace = optionals ? Trace : null;
            yield return new StartImport(Request(optionals), trace);
            yield return new RecordingStatus("rec-1", optionals ? RecordingPhase.Failed : RecordingPhase.Importing, 3, 9, optionals ? "corrupt" : null, 7, 5400.5);
            yield return new DeleteRecording("rec-1", trace);
            yield return new RecordingDeleted("rec-1", optionals, optionals ? "storage down" : null);
            yield return new ChunkJob("rec-1", Token, 7, trace);
            yield return new CommitImport("rec-1", Token, trace);
            yield return new ChunkFailed("rec-1", Token, 4, "ffmpeg exited with 1", "akka.tcp://hark@10.0.0.2:4053", optionals);
            yield return new ReadSegment("rec-1", Guid.NewGuid(), long.MaxValue - 5, 1, optionals ? SegmentFormat.S16 : SegmentFormat.Wav, trace);
        }
        yield return new GetImportStatus("ünïcödé-id");
        yield return new WorkAvailable("rec-1");
        yield return new RequestWork("rec-1");
        yield return new NoWork("rec-1");
        yield return new ChunkEncoded("rec-1", Token, 4, 4688, 1_234_567, 4_800_000, 0.625, "akka.tcp://hark@10.0.0.2:4053");
        yield return new ImportCommitted("rec-1", Token, 4_800_000, 4689);
        yield return new CommitFailed("rec-1", Token, "chunk 3 is not encoded");
        yield return new ImportCancelled("rec-1", Token);
        yield return new SegmentAck(Guid.NewGuid(), 99);
        yield return new SegmentCompleted(Guid.NewGuid(), 12, 777_000);
        yield return new SegmentFailed(Guid.NewGuid(), SegmentFailure.Range, "past the end");
        yield return new ForgetRecording("rec-1");
        yield return new ResumeImport("rec-1");
        yield return new RunBatch("batch-20260530-041200-a1b2c3");
        yield return new GetNodeMetrics(1_796_112_000_123);
    }
}
