using Hark.Engine.Export;
using Hark.Engine.Segments;
using Hark.Storage;

namespace Hark.Actors.Services;

/// <summary>
/// The front door's answers that need no actor: listing, metadata, sizes, verification and the ADTS export read the
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

    public Task<VerificationReport> VerifyAsync(string id, CancellationToken ct) => archive.VerifyRecordingAsync(id, null, ct);

    /// <summary>The stored frames of [from, to) as ADTS; refused before the first byte for a LAC recording or a bad range.</summary>
    public async Task ExportAdtsAsync(string id, long? fromSample, long? toSample, Stream destination, CancellationToken ct)
    {
        var reader = await archive.OpenRecordingAsync(id, ct);
        var metadata = reader.Metadata;
        AdtsExport.RequireAac(metadata); // before the range: a LAC recording has no ADTS at any range
        var (from, to) = ExportRange.Resolve(metadata, fromSample, toSample);
        await AdtsExport.WriteAsync(reader, from, to, destination, ct);
    }
}
