namespace Hark.Messages;

/// <summary>
/// Published on <see cref="Topic"/> when a recording was deleted or replaced: every reader node drops its cached
/// index, so neither its sharded reader nor a read served on the node itself answers from the old generation.
/// </summary>
public sealed record ForgetRecording(string RecordingId) : IRecordingMessage
{
    public const string Topic = "hark-recording-changed";
}
