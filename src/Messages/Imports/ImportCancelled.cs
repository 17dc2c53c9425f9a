namespace Hark.Messages;

/// <summary>
/// Published on <see cref="WorkAvailable.Topic"/> when an import ends without committing (deleted, failed,
/// superseded): every worker still encoding one of its chunks stops, so no late result outlives it.
/// </summary>
public sealed record ImportCancelled(string RecordingId, string Token) : IHarkMessage;
