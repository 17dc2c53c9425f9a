namespace Hark.Messages;

/// <summary>Removes a recording (any state) and its staging; answered with <see cref="RecordingDeleted"/>.</summary>
public sealed record DeleteRecording(string RecordingId, string? TraceParent) : IRecordingMessage, ITracedMessage;
