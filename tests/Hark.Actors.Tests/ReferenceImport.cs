using Hark.Engine.Import;
using Hark.Engine.Segments;
using Hark.Storage;

namespace Hark.Actors.Tests;

/// <summary>The same import on one machine without actors (LocalImporter), to compare the cluster's bytes with.</summary>
public sealed class ReferenceImport
{
    private readonly SegmentReader _reader;

    private ReferenceImport(SegmentReader reader, RecordingMetadata metadata)
    {
        _reader = reader;
        Metadata = metadata;
    }

    public RecordingMetadata Metadata { get; }

    public static async Task<ReferenceImport> RunAsync(string archiveDirectory, ImportRequest request)
    {
        var archive = ArchiveStore.Open(archiveDirectory);
        await archive.EnsureCreatedAsync(CancellationToken.None);
        var metadata = await new LocalImporter(new ImportSteps(archive)).ImportAsync(request, 2, null, CancellationToken.None);
        return new ReferenceImport(new SegmentReader(new RecordingCache(archive)), metadata);
    }

    public async Task<byte[]> ReadAsync(long start, long count, SegmentFormat format)
    {
        using var output = new MemoryStream();
        await _reader.ReadSegmentAsync(Metadata.Id, start, count, format, output, CancellationToken.None);
        return output.ToArray();
    }
}
