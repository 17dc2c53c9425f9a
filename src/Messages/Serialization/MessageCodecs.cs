namespace Hark.Messages;

/// <summary>
/// Every wire type with its manifest. Manifests are part of the protocol: never reuse or change one; a new or
/// changed message gets a new manifest so mixed-version nodes fail loudly instead of misreading. (Retired:
/// si, st, cj, ce, cf, ci, ic, cx: the messages that carried a whole plan and no import token; s2, s3: StartImport
/// before its station and its file name pattern.)
/// </summary>
internal static class MessageCodecs
{
    public static readonly IReadOnlyList<MessageCodec> All =
    [
        MessageCodec.For<StartImport>("s4", (w, m) =>
        {
            var q = m.Request;
            w.String(q.Id); w.String(q.SourcePath); w.Byte(q.Codec.Code); w.Int(q.Stream); w.String(q.Station, optional: true);
            w.String(q.NamePattern, optional: true);
            w.Int(q.BitRate); w.Time(q.StartTime);
            w.Int(q.ChunkSeconds); w.Bool(q.Replace); w.Bool(q.QuantizeFloat); w.Int(q.LeadInFrames); w.String(m.TraceParent, optional: true);
        }, r => new StartImport(new ImportRequest
        {
            Id = r.String(), SourcePath = r.String(), Codec = ImportCodecOf(r.Byte()), Stream = r.Int(), Station = r.OptionalString(),
            NamePattern = r.OptionalString(),
            BitRate = r.OptionalInt(), StartTime = r.OptionalTime(),
            ChunkSeconds = r.Int(), Replace = r.Bool(), QuantizeFloat = r.Bool(), LeadInFrames = r.Int(),
        }, r.OptionalString())),
        MessageCodec.For<GetImportStatus>("gs", (w, m) => w.String(m.RecordingId), r => new GetImportStatus(r.String())),
        MessageCodec.For<RecordingStatus>("t2", (w, m) =>
        {
            w.String(m.Id); w.Byte((byte)m.Phase); w.Int(m.ChunksDone); w.Int(m.ChunkCount); w.String(m.Reason, optional: true);
            w.Int(m.ChunksStaged); w.Double(m.SourceSeconds);
        }, r => new RecordingStatus(r.String(), Phase(r), r.Int(), r.Int(), r.OptionalString(), r.Int(), r.Double())),
        MessageCodec.For<DeleteRecording>("dr", (w, m) => { w.String(m.RecordingId); w.String(m.TraceParent, optional: true); },
            r => new DeleteRecording(r.String(), r.OptionalString())),
        MessageCodec.For<RecordingDeleted>("rd", (w, m) => { w.String(m.RecordingId); w.Bool(m.Found); w.String(m.Error, optional: true); },
            r => new RecordingDeleted(r.String(), r.Bool(), r.OptionalString())),
        MessageCodec.For<WorkAvailable>("wa", (w, m) => w.String(m.RecordingId), r => new WorkAvailable(r.String())),
        MessageCodec.For<RequestWork>("rw", (w, m) => w.String(m.RecordingId), r => new RequestWork(r.String())),
        MessageCodec.For<NoWork>("nw", (w, m) => w.String(m.RecordingId), r => new NoWork(r.String())),
        MessageCodec.For<ChunkJob>("j2", (w, m) =>
        {
            w.String(m.RecordingId); w.String(m.Token); w.Int(m.ChunkIndex); w.String(m.TraceParent, optional: true);
        }, r => new ChunkJob(r.String(), r.String(), r.Int(), r.OptionalString())),
        MessageCodec.For<ChunkEncoded>("e2", (w, m) =>
        {
            w.String(m.RecordingId); w.String(m.Token); w.Int(m.ChunkIndex); w.Int(m.FrameCount); w.Long(m.EncodedBytes); w.Long(m.SourceSamples);
            w.Double(m.EncodeSeconds); w.String(m.Node);
        }, r => new ChunkEncoded(r.String(), r.String(), r.Int(), r.Int(), r.Long(), r.Long(), r.Double(), r.String())),
        MessageCodec.For<ChunkFailed>("f2", (w, m) =>
        {
            w.String(m.RecordingId); w.String(m.Token); w.Int(m.ChunkIndex); w.String(m.Reason); w.String(m.Node); w.Bool(m.Superseded);
        }, r => new ChunkFailed(r.String(), r.String(), r.Int(), r.String(), r.String(), r.Bool())),
        MessageCodec.For<CommitImport>("c2", (w, m) => { w.String(m.RecordingId); w.String(m.Token); w.String(m.TraceParent, optional: true); },
            r => new CommitImport(r.String(), r.String(), r.OptionalString())),
        MessageCodec.For<ImportCommitted>("k2", (w, m) => { w.String(m.RecordingId); w.String(m.Token); w.Long(m.TotalSamples); w.Long(m.FrameCount); },
            r => new ImportCommitted(r.String(), r.String(), r.Long(), r.Long())),
        MessageCodec.For<CommitFailed>("x2", (w, m) => { w.String(m.RecordingId); w.String(m.Token); w.String(m.Reason); },
            r => new CommitFailed(r.String(), r.String(), r.String())),
        MessageCodec.For<ImportCancelled>("ca", (w, m) => { w.String(m.RecordingId); w.String(m.Token); },
            r => new ImportCancelled(r.String(), r.String())),
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
        MessageCodec.For<RunBatch>("rb", (w, m) => w.String(m.BatchId), r => new RunBatch(r.String())),
        MessageCodec.For<ForgetRecording>("fr", (w, m) => w.String(m.RecordingId), r => new ForgetRecording(r.String())),
        MessageCodec.For<GetNodeMetrics>("gm", (w, m) => w.Long(m.SinceUnixMs), r => new GetNodeMetrics(r.Long())),
        MessageCodec.For<NodeMetricsReport>("nm", (w, m) =>
        {
            w.String(m.Address); w.String(m.Version); w.Long(m.StartedUnixMs); w.Int(m.Workers); w.Int(m.Samples.Count);
            foreach (var s in m.Samples)
            {
                w.Long(s.AtUnixMs); w.Int(s.WorkersBusy); w.Double(s.ChunksPerMinute); w.Double(s.EncodeRealtimeFactor);
                w.Double(s.SegmentsPerSecond); w.Double(s.LatencyP50Ms); w.Double(s.LatencyP99Ms); w.Long(s.IndexCacheBytes);
                w.Long(s.CacheHits); w.Long(s.CacheMisses); w.Long(s.ChunkCacheBytes); w.Long(s.ChunkCacheHits); w.Long(s.ChunkCacheMisses);
                w.Long(s.Errors);
            }
        }, r => new NodeMetricsReport(r.String(), r.String(), r.Long(), r.Int(), Samples(r))),
    ];

    public static readonly IReadOnlyDictionary<Type, MessageCodec> ByType = All.ToDictionary(c => c.Type);

    public static readonly IReadOnlyDictionary<string, MessageCodec> ByManifest = All.ToDictionary(c => c.Manifest, StringComparer.Ordinal);

    private static RecordingPhase Phase(WireReader r) => Checked<RecordingPhase>(r.Byte());

    private static SegmentFormat Encoding(WireReader r) => Checked<SegmentFormat>(r.Byte());

    /// <summary>The types the serializer is bound to: every message, and the status records replies carry.</summary>
    public static readonly Type[] BoundTypes = [typeof(IHarkMessage), typeof(RecordingStatus)];

    private static NodeMetricsSample[] Samples(WireReader r)
    {
        int count = r.Int();
        if (count is < 0 or > NodeMetricsReport.MaxSamples)
        {
            throw new System.Runtime.Serialization.SerializationException($"{count} metrics samples in one report");
        }
        var samples = new NodeMetricsSample[count];
        for (int i = 0; i < count; i++)
        {
            samples[i] = new NodeMetricsSample(r.Long(), r.Int(), r.Double(), r.Double(), r.Double(), r.Double(), r.Double(),
                r.Long(), r.Long(), r.Long(), r.Long(), r.Long(), r.Long(), r.Long());
        }
        return samples;
    }

    private static SegmentFailure Failure(WireReader r) => Checked<SegmentFailure>(r.Byte());

    private static ImportCodec ImportCodecOf(byte code) =>
        ImportCodec.TryFromCode(code, out var choice)
            ? choice
            : throw new System.Runtime.Serialization.SerializationException($"{code} is not an import codec");

    private static T Checked<T>(byte value) where T : struct, Enum =>
        Enum.IsDefined(typeof(T), value)
            ? (T)Enum.ToObject(typeof(T), value)
            : throw new System.Runtime.Serialization.SerializationException($"{value} is not a {typeof(T).Name}");
}
