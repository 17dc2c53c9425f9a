using Hark.Engine.Export;
using Hark.Engine.Segments;
using Hark.Storage;

namespace Hark.Actors.Services;

/// <summary>
/// The front door's answers that need no actor: listing, metadata, sizes, verification and the ADTS and M4A exports read the
/// shared archive directly (every node sees the same archive, and none of it is an entity's state).
/// </summary>
public sealed class ArchiveRecordingReads(ArchiveStore archive)
{
    public Task<IReadOnlyList<RecordingMetadata>> ListAsync(CancellationToken ct) => archive.ListRecordingsAsync(ct);

    public async Task<RecordingMetadata> GetRecordingAsync(string id, CancellationToken ct)
    {
        var metadata = await archive.FindRecordingAsync(id, ct);
        return metadata switch
        {
            null => throw new RecordingNotFoundException(id),
            { State: RecordingPhase.Complete } => metadata,
            _ => throw new RecordingNotFoundException(id, metadata.State),
        };
    }

    public async Task<RecordingInfo> GetInfoAsync(string id, CancellationToken ct)
    {
        var reader = await archive.OpenRecordingAsync(id, ct);
        return new RecordingInfo(reader.Metadata, reader.IndexBytes, reader.AudioBytes);
    }

    public Task<RecordingOverview?> GetOverviewAsync(string id, CancellationToken ct) => archive.ReadOverviewAsync(id, ct);

    public Task<VerificationReport> VerifyAsync(string id, CancellationToken ct) => archive.VerifyRecordingAsync(id, null, ct);

    /// <summary>The stored frames of [from, to) as ADTS or M4A; refused before the first byte for a LAC recording or a bad range.</summary>
    public async Task ExportStoredFramesAsync(string id, ExportFormat format, long? fromSample, long? toSample, Stream destination,
        CancellationToken ct)
    {
        var reader = await archive.OpenRecordingAsync(id, ct);
        var metadata = reader.Metadata;
        // The codec before the range: a LAC recording (an Opus one for ADTS) is refused at any range.
        PacketExport.Require(metadata, format);
        var (from, to) = ExportRange.Resolve(metadata, fromSample, toSample);
        var write = format switch
        {
            ExportFormat.Adts => AdtsExport.WriteAsync(reader, from, to, destination, ct),
            ExportFormat.M4a => M4aExport.WriteAsync(reader, from, to, destination, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not an export of stored frames"),
        };
        await write;
    }

    /// <summary>The M4A of [from, to) laid out, for byte ranges; refused like <see cref="ExportStoredFramesAsync"/>.</summary>
    public async Task<IRangedExport> OpenM4aExportAsync(string id, long? fromSample, long? toSample, CancellationToken ct)
    {
        var reader = await archive.OpenRecordingAsync(id, ct);
        PacketExport.Require(reader.Metadata, ExportFormat.M4a);
        var (from, to) = ExportRange.Resolve(reader.Metadata, fromSample, toSample);
        return await M4aExport.OpenAsync(reader, from, to, ct);
    }
}
