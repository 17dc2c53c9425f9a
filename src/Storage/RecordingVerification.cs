namespace Hark.Storage;

/// <summary>The result of checking every chunk and the index of one recording.</summary>
public sealed record RecordingVerification(
    string Id,
    long AudioBytes,
    long AudioChunks,
    long IndexBytes,
    long FrameCount,
    IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
