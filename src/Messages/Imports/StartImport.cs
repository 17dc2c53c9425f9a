namespace Hark.Messages;

/// <summary>Import (or resume importing) a source the recording's entity node can reach. Answered with <see cref="ImportStatus"/>.</summary>
public sealed record StartImport(
    string RecordingId,
    string SourcePath,
    string Codec,
    int? BitRate,
    DateTimeOffset? StartTime,
    int ChunkSeconds,
    bool Replace,
    bool QuantizeFloat,
    int LeadInFrames,
    string? TraceParent) : IRecordingMessage, ITracedMessage;
