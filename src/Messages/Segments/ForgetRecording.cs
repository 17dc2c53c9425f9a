namespace Hark.Messages;

/// <summary>Tells the recording's reader to drop its cached index (the recording was deleted or replaced).</summary>
public sealed record ForgetRecording(string RecordingId) : IRecordingMessage;
