namespace Hark.Messages;

/// <summary>The entity has no unassigned chunk for the asking worker right now.</summary>
public sealed record NoWork(string RecordingId) : IRecordingMessage;
