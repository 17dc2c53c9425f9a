using Hark.Messages;

namespace Hark.Fuzzing.Targets;

/// <summary>One message of every wire type, with fixed ids (not random Guids) so a fuzz case replays byte for byte.</summary>
internal static class WireSamples
{
    private const string Token = "t20261201T101500Z-0123456789abcdef";
    private const string Trace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static readonly Guid Request = new("6f9619ff-8b86-d011-b42d-00c04fc964ff");

    public static IReadOnlyList<object> All() =>
    [
        new StartImport(new ImportRequest
        {
            Id = "night-2026-05-01", SourcePath = "/data/night.wav", Codec = AudioCodec.Lac, BitRate = 128_000,
            StartTime = new DateTimeOffset(2026, 5, 1, 22, 0, 0, TimeSpan.FromHours(2)), ChunkSeconds = 120, LeadInFrames = 16,
        }, Trace),
        new GetImportStatus("night"),
        new RecordingStatus("night", RecordingPhase.Importing, 1, 4, "slow", 2, 480.25),
        new DeleteRecording("night", null),
        new RecordingDeleted("night", true, null),
        new WorkAvailable("night"),
        new RequestWork("night"),
        new NoWork("night"),
        new ChunkJob("night", Token, 3, Trace),
        new ChunkEncoded("night", Token, 3, 5168, 2_000_000, 5_292_000, 1.5, "akka.tcp://hark@node-b:4053"),
        new ChunkFailed("night", Token, 2, "encoder exited", "akka.tcp://hark@node-c:4053", false),
        new CommitImport("night", Token, null),
        new ImportCommitted("night", Token, 21_168_000, 20_673),
        new CommitFailed("night", Token, "chunk 1 missing"),
        new ImportCancelled("night", Token),
        new ImportFinished("night", RecordingPhase.Complete, null, ["node-a", "node-b"]),
        new ReadSegment("night", Request, 44_100, 4096, SegmentFormat.F32, Trace),
        new SegmentChunk(Request, 0, new byte[] { 1, 2, 3, 250, 251 }),
        new SegmentAck(Request, 0),
        new SegmentCompleted(Request, 1, 5),
        new SegmentFailed(Request, SegmentFailure.Range, "past the end"),
        new ResumeImport("night"),
        new RunBatch("cards"),
        new ForgetRecording("night"),
    ];
}
