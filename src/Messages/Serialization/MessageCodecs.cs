namespace Hark.Messages;

/// <summary>
/// Every wire type with its manifest. Manifests are part of the protocol: never reuse or change one; a new or
/// changed message gets a new manifest so mixed-version nodes fail loudly instead of misreading.
/// </summary>
internal static class MessageCodecs
{
    public static readonly IReadOnlyList<MessageCodec> All =
    [
        MessageCodec.For<StartImport>("si", (w, m) =>
        {
            w.String(m.RecordingId); w.String(m.SourcePath); w.String(m.Codec); w.Int(m.BitRate); w.Time(m.StartTime);
            w.Int(m.ChunkSeconds); w.Bool(m.Replace); w.Bool(m.QuantizeFloat); w.Int(m.LeadInFrames); w.String(m.TraceParent, optional: true);
        }, r => new StartImport(r.String(), r.String(), r.String(), r.OptionalInt(), r.OptionalTime(), r.Int(), r.Bool(), r.Bool(), r.Int(), r.OptionalString())),
        MessageCodec.For<GetImportStatus>("gs", (w, m) => w.String(m.RecordingId), r => new GetImportStatus(r.String())),
        MessageCodec.For<ImportStatus>("st", (w, m) =>
        {
            w.String(m.RecordingId); w.Byte((byte)m.Phase); w.Int(m.ChunksDone); w.Int(m.ChunkCount); w.String(m.Reason, optional: true);
            w.Int(m.ChunksStaged); w.Double(m.SourceSeconds);
        }, r => new ImportStatus(r.String(), Phase(r), r.Int(), r.Int(), r.OptionalString(), r.Int(), r.Double())),
        MessageCodec.For<DeleteRecording>("dr", (w, m) => { w.String(m.RecordingId); w.String(m.TraceParent, optional: true); },
            r => new DeleteRecording(r.String(), r.OptionalString())),
        MessageCodec.For<RecordingDeleted>("rd", (w, m) => { w.String(m.RecordingId); w.Bool(m.Found); w.String(m.Error, optional: true); },
            r => new RecordingDeleted(r.String(), r.Bool(), r.OptionalString())),
        MessageCodec.For<WorkAvailable>("wa", (w, m) => w.String(m.RecordingId), r => new WorkAvailable(r.String())),
        MessageCodec.For<RequestWork>("rw", (w, m) => w.String(m.RecordingId), r => new RequestWork(r.String())),
        MessageCodec.For<NoWork>("nw", (w, m) => w.String(m.RecordingId), r => new NoWork(r.String())),
        MessageCodec.For<ChunkJob>("cj", (w, m) =>
        {
            w.String(m.RecordingId); w.Int(m.ChunkIndex); PlanCodec.Write(w, m.Plan); w.String(m.TraceParent, optional: true);
        }, r => new ChunkJob(r.String(), r.Int(), PlanCodec.Read(r), r.OptionalString())),
        MessageCodec.For<ChunkEncoded>("ce", (w, m) =>
        {
            w.String(m.RecordingId); w.Int(m.ChunkIndex); w.Int(m.FrameCount); w.Long(m.EncodedBytes); w.Long(m.SourceSamples);
            w.Double(m.EncodeSeconds); w.String(m.Node);
        }, r => new ChunkEncoded(r.String(), r.Int(), r.Int(), r.Long(), r.Long(), r.Double(), r.String())),
        MessageCodec.For<ChunkFailed>("cf", (w, m) => { w.String(m.RecordingId); w.Int(m.ChunkIndex); w.String(m.Reason); w.String(m.Node); },
            r => new ChunkFailed(r.String(), r.Int(), r.String(), r.String())),
        MessageCodec.For<CommitImport>("ci", (w, m) => { w.String(m.RecordingId); PlanCodec.Write(w, m.Plan); w.String(m.TraceParent, optional: true); },
            r => new CommitImport(r.String(), PlanCodec.Read(r), r.OptionalString())),
        MessageCodec.For<ImportCommitted>("ic", (w, m) => { w.String(m.RecordingId); w.Long(m.TotalSamples); w.Long(m.FrameCount); },
            r => new ImportCommitted(r.String(), r.Long(), r.Long())),
        MessageCodec.For<CommitFailed>("cx", (w, m) => { w.String(m.RecordingId); w.String(m.Reason); },
            r => new CommitFailed(r.String(), r.String())),
        MessageCodec.For<ImportFinished>("if", (w, m) =>
        {
            w.String(m.RecordingId); w.Byte((byte)m.Phase); w.String(m.Reason, optional: true); w.Strings(m.EncodedBy);
        }, r => new ImportFinished(r.String(), Phase(r), r.OptionalString(), r.Strings())),
        MessageCodec.For<ReadSegment>("rs", (w, m) =>
        {
            w.String(m.RecordingId); w.Guid(m.RequestId); w.Long(m.StartSample); w.Long(m.Count); w.Byte((byte)m.Format);
            w.String(m.TraceParent, optional: true);
        }, r => new ReadSegment(r.String(), r.Guid(), r.Long(), r.Long(), Encoding(r), r.OptionalString())),
        MessageCodec.For<SegmentChunk>("sc", (w, m) => { w.Guid(m.RequestId); w.Int(m.Sequence); w.Bytes(m.Data.Span); },
            r => new SegmentChunk(r.Guid(), r.Int(), r.Bytes())),
        MessageCodec.For<SegmentAck>("sa", (w, m) => { w.Guid(m.RequestId); w.Int(m.Sequence); },
            r => new SegmentAck(r.Guid(), r.Int())),
        MessageCodec.For<SegmentCompleted>("sd", (w, m) => { w.Guid(m.RequestId); w.Int(m.ChunkCount); w.Long(m.TotalBytes); },
            r => new SegmentCompleted(r.Guid(), r.Int(), r.Long())),
        MessageCodec.For<SegmentFailed>("sf", (w, m) => { w.Guid(m.RequestId); w.Byte((byte)m.Kind); w.String(m.Message); },
            r => new SegmentFailed(r.Guid(), Failure(r), r.String())),
        MessageCodec.For<ResumeImport>("ri", (w, m) => w.String(m.RecordingId), r => new ResumeImport(r.String())),
        MessageCodec.For<ForgetRecording>("fr", (w, m) => w.String(m.RecordingId), r => new ForgetRecording(r.String())),
    ];

    public static readonly IReadOnlyDictionary<Type, MessageCodec> ByType = All.ToDictionary(c => c.Type);

    public static readonly IReadOnlyDictionary<string, MessageCodec> ByManifest = All.ToDictionary(c => c.Manifest, StringComparer.Ordinal);

    private static ImportPhase Phase(WireReader r) => Checked<ImportPhase>(r.Byte());

    private static SegmentEncoding Encoding(WireReader r) => Checked<SegmentEncoding>(r.Byte());

    private static SegmentFailure Failure(WireReader r) => Checked<SegmentFailure>(r.Byte());

    private static T Checked<T>(byte value) where T : struct, Enum =>
        Enum.IsDefined(typeof(T), value)
            ? (T)Enum.ToObject(typeof(T), value)
            : throw new System.Runtime.Serialization.SerializationException($"{value} is not a {typeof(T).Name}");
}
