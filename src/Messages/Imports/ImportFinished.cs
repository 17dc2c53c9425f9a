namespace Hark.Messages;

/// <summary>
/// Published on <see cref="Topic"/> when an import ends either way. <see cref="EncodedBy"/>[n] is the address of
/// the node whose worker encoded chunk n (empty for chunks not encoded when a failed import ended).
/// </summary>
public sealed record ImportFinished(string RecordingId, RecordingPhase Phase, string? Reason, IReadOnlyList<string> EncodedBy) : IRecordingMessage
{
    public const string Topic = "hark-import-events";
}
