namespace Hark.Contracts;

/// <summary>
/// What checking every chunk's checksum and the index of one recording found: `hark verify` prints it and
/// POST /recordings/{id}/verify answers it. A report with problems is a successful check of a damaged recording.
/// </summary>
public sealed record VerificationReport(
    string Id,
    long AudioBytes,
    long AudioChunks,
    long IndexBytes,
    long FrameCount,
    IReadOnlyList<string> Problems)
{
    public bool Valid => Problems.Count == 0;
}
