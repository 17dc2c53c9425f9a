using Hark.Engine.Segments;
using Hark.Storage.Caching;
using Hark.Actors.Services;
using Hark.Storage;

namespace Hark.Cli.Backend;

/// <summary>
/// The front door for commands that only read the archive (ls, info, verify, segments, an ADTS or M4A export): the very
/// reads the cluster's service makes (<see cref="ArchiveRecordingReads"/>, and for segments the
/// <see cref="SegmentReader"/> a reader actor runs), without starting a cluster of one for them (about 1.3 s a
/// command). Whatever needs an entity is the cluster's, and refused here.
/// </summary>
internal sealed class ArchiveReadView(ArchiveStore archive) : IRecordingService
{
    private readonly ArchiveRecordingReads _reads = new(archive);
    private readonly Lazy<SegmentReader> _segments = new(() => new SegmentReader(new RecordingCache(archive)));

    public Task<IReadOnlyList<RecordingMetadata>> ListAsync(CancellationToken cancellationToken) => _reads.ListAsync(cancellationToken);

    public Task<RecordingMetadata> GetRecordingAsync(string id, CancellationToken cancellationToken) =>
        _reads.GetRecordingAsync(id, cancellationToken);

    public Task<RecordingInfo> GetInfoAsync(string id, CancellationToken cancellationToken) => _reads.GetInfoAsync(id, cancellationToken);

    public Task<RecordingOverview?> GetOverviewAsync(string id, CancellationToken cancellationToken) => _reads.GetOverviewAsync(id, cancellationToken);

    public Task<VerificationReport> VerifyAsync(string id, CancellationToken cancellationToken) => _reads.VerifyAsync(id, cancellationToken);

    public Task ExportAsync(string id, ExportFormat format, long? fromSample, long? toSample, Stream destination, CancellationToken cancellationToken) =>
        format.CopiesStoredFrames()
            ? _reads.ExportStoredFramesAsync(id, format, fromSample, toSample, destination, cancellationToken)
            : throw ClusterOnly($"a {format.Name()} export");

    public Task<IRangedExport> OpenM4aExportAsync(string id, long? fromSample, long? toSample, CancellationToken cancellationToken) =>
        _reads.OpenM4aExportAsync(id, fromSample, toSample, cancellationToken);

    public Task<RecordingStatus> StartImportAsync(ImportRequest request, CancellationToken cancellationToken) => throw ClusterOnly("an import");

    public Task<RecordingStatus> GetStatusAsync(string id, CancellationToken cancellationToken) => throw ClusterOnly("an import's status");

    public Task DeleteAsync(string id, CancellationToken cancellationToken) => throw ClusterOnly("a delete");

    public Task WriteSegmentAsync(string id, long startSample, long count, SegmentFormat format, Stream destination, CancellationToken cancellationToken) =>
        _segments.Value.ReadSegmentAsync(id, startSample, count, format, destination, cancellationToken);

    public Task<BatchStatus> StartBatchAsync(BatchRequest request, CancellationToken cancellationToken) => throw ClusterOnly("a batch");

    public Task<BatchStatus> GetBatchAsync(string id, CancellationToken cancellationToken) => throw ClusterOnly("a batch's status");

    // A command that asks for these opened the wrong backend: a bug here, not a user's mistake.
    private static NotSupportedException ClusterOnly(string what) =>
        new($"{what} goes through the cluster's entities and readers, not a read-only view of the archive");
}
