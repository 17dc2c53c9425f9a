using Hark.Storage.Layout;
using Hark.Storage.Zarr;

namespace Hark.Storage;

/// <summary>
/// Reads a whole recording bypassing the cache: every audio chunk's checksum, the index chunks, and the
/// consistency of index, audio and metadata. Collects every problem instead of stopping at the first.
/// </summary>
internal static class RecordingVerifier
{
    public static async Task<VerificationReport> VerifyAsync(ArchiveStore archive, string id, IProgress<double>? progress, CancellationToken ct)
    {
        var document = await archive.ReadGroupAsync(RecordingId.Validate(id), ct) ?? throw new RecordingNotFoundException(id);
        var metadata = document.Metadata;
        if (metadata.State != RecordingPhase.Complete)
        {
            throw new RecordingNotFoundException(id, metadata.State);
        }
        var problems = new List<string>();
        var generation = document.Generation ?? throw new CorruptRecordingException(id, "complete without a generation");
        var audio = await RecordingReader.OpenArrayAsync(archive, id, ArchiveLayout.AudioFolder(id, generation), ct);
        long indexBytes = 0;
        long frameCount = 0;
        try
        {
            var (index, stored) = await RecordingReader.LoadIndexAsync(archive, metadata, generation, ct);
            indexBytes = stored;
            frameCount = index.FrameCount;
            if (index.TotalAudioBytes != audio.Metadata.Length)
            {
                problems.Add($"frame sizes add up to {index.TotalAudioBytes} bytes, the audio array holds {audio.Metadata.Length}");
            }
            if (index.FrameCount != metadata.FrameCount)
            {
                problems.Add($"index has {index.FrameCount} frames, metadata says {metadata.FrameCount}");
            }
            if ((long)index.FrameCount * metadata.SamplesPerFrame < metadata.TotalSamples + metadata.PrimingSamples)
            {
                problems.Add($"{index.FrameCount} frames of {metadata.SamplesPerFrame} samples do not cover {metadata.PrimingSamples} priming + {metadata.TotalSamples} samples");
            }
        }
        catch (CorruptRecordingException e)
        {
            problems.Add(e.Message);
        }
        try
        {
            // A paged index's top level must agree with its pages, or reads that load one page would read wrong bytes.
            var sizes = await RecordingReader.OpenArrayAsync(archive, id, ArchiveLayout.FrameSizesFolder(id, generation), ct);
            if (sizes.Metadata.Attributes["hark"]?[ArchiveLayout.PageOffsetsAttribute] is not null)
            {
                var paged = await RecordingReader.OpenPagedIndexAsync(archive, metadata, generation, sizes, audio.Metadata.Length, ct);
                indexBytes = paged.StoredBytes;
                await paged.EnsureAllAsync(ct);
            }
        }
        catch (Exception e) when (e is CorruptRecordingException or CorruptChunkException)
        {
            problems.Add(e.Message);
        }

        long chunks = audio.Metadata.ChunkCount;
        for (long chunk = 0; chunk < chunks; chunk++)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                if (await audio.ReadChunkAsync(chunk, ct) is null)
                {
                    problems.Add(new CorruptChunkException(id, ArchiveLayout.AudioArray, chunk, "missing").Message);
                }
            }
            catch (ZarrChecksumException e)
            {
                problems.Add(new CorruptChunkException(id, ArchiveLayout.AudioArray, chunk, e.Reason).Message);
            }
            progress?.Report((double)(chunk + 1) / chunks);
        }
        if (chunks == 0)
        {
            progress?.Report(1);
        }
        return new VerificationReport(id, audio.Metadata.Length, chunks, indexBytes, frameCount, problems);
    }
}
