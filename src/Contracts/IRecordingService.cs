
namespace Hark.Contracts;

/// <summary>
/// What a node's front door (HTTP API, CLI with --node) asks of the archive. The cluster implementation routes each
/// call to the recording's sharded entity or reader; callers never see actors.
/// </summary>
public interface IRecordingService
{
    /// <summary>Starts (or resumes) an import; returns at once with the recording's status.</summary>
    Task<RecordingStatus> StartImportAsync(ImportRequest request, CancellationToken cancellationToken);

    /// <summary>The recording's status: importing n/m chunks, complete, failed: reason; Unknown when absent.</summary>
    Task<RecordingStatus> GetStatusAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<RecordingMetadata>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The complete recording's metadata; RecordingNotFoundException otherwise.</summary>
    Task<RecordingMetadata> GetRecordingAsync(string id, CancellationToken cancellationToken);

    Task DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Streams samples [start, start + count) in <paramref name="format"/>; SegmentRangeException for bad ranges.</summary>
    Task WriteSegmentAsync(string id, long startSample, long count, SegmentFormat format, Stream destination, CancellationToken cancellationToken);
}
