namespace Hark.Messages;

/// <summary>Import (or resume importing) a source the recording's entity node can reach. Answered with a <see cref="RecordingStatus"/>.</summary>
public sealed record StartImport(ImportRequest Request, string? TraceParent) : IRecordingMessage, ITracedMessage
{
    public string RecordingId => Request.Id;
}
