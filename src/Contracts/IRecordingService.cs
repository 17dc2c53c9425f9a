
namespace Hark.Contracts;

/// <summary>
/// The one front door: every recording operation of the HTTP API and of every CLI recording command. The cluster's
/// implementation routes each call to the recording's sharded entity or reader (callers never see actors); the CLI's
/// node client sends it to a node's HTTP API. Failures are the same exceptions either way: RecordingNotFoundException,
/// RecordingExistsException, SegmentRangeException, NodeUnavailableException, or an input error.
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

    /// <summary>
    /// The metadata a segment read of the recording goes by, to check its range before the first byte: where this
    /// side reads segments itself, its cached copy (kept current on every commit and delete, like the index it reads
    /// by), which saves the store a round trip per request; else <see cref="GetRecordingAsync"/>.
    /// </summary>
    Task<RecordingMetadata> GetForReadingAsync(string id, CancellationToken cancellationToken) => GetRecordingAsync(id, cancellationToken);

    Task DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Streams samples [start, start + count) in <paramref name="format"/>; SegmentRangeException for bad ranges.</summary>
    Task WriteSegmentAsync(string id, long startSample, long count, SegmentFormat format, Stream destination, CancellationToken cancellationToken);

    /// <summary>The complete recording's metadata with its index and audio sizes; RecordingNotFoundException otherwise.</summary>
    Task<RecordingInfo> GetInfoAsync(string id, CancellationToken cancellationToken);

    /// <summary>The waveform overview stored with a complete recording; null when its import made none (copied packets).</summary>
    Task<RecordingOverview?> GetOverviewAsync(string id, CancellationToken cancellationToken);

    /// <summary>Checks every chunk's checksum and the index of a complete recording.</summary>
    Task<VerificationReport> VerifyAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Writes samples [<paramref name="fromSample"/>, <paramref name="toSample"/>) (null: the beginning, the end) as
    /// <paramref name="format"/>. Nothing is written when the range or the format cannot be served: SegmentRangeException,
    /// ExportNotPossibleException.
    /// </summary>
    Task ExportAsync(string id, ExportFormat format, long? fromSample, long? toSample, Stream destination, CancellationToken cancellationToken);

    /// <summary>
    /// Samples [<paramref name="fromSample"/>, <paramref name="toSample"/>) as an M4A laid out but not yet written, so
    /// that any byte range of it can be served (HTTP Range requests). The same refusals as <see cref="ExportAsync"/>.
    /// </summary>
    Task<IRangedExport> OpenM4aExportAsync(string id, long? fromSample, long? toSample, CancellationToken cancellationToken);

    /// <summary>
    /// Makes a batch of imports (or, given the id of one that exists, returns it and makes sure it runs); returns at
    /// once. The sources are expanded (directories, globs) and fixed now; the batch lives in the archive.
    /// </summary>
    Task<BatchStatus> StartBatchAsync(BatchRequest request, CancellationToken cancellationToken);

    /// <summary>The batch as last saved; BatchNotFoundException when there is none.</summary>
    Task<BatchStatus> GetBatchAsync(string id, CancellationToken cancellationToken);
}
