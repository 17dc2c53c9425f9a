using Hark.Engine.Import;
using Hark.Engine.Segments;
using Hark.Storage;

namespace Hark.Actors.Hosting;

/// <summary>One node's handles on the shared archive: the import steps, and the index cache its readers share.</summary>
public sealed class ArchiveServices
{
    public ArchiveServices(ArchiveStore archive, HarkClusterSettings settings, IImportSteps? steps = null)
    {
        Archive = archive;
        Settings = settings;
        Steps = steps ?? new ImportSteps(archive);
        Cache = new RecordingCache(archive, settings.IndexCacheBytes);
        Segments = new SegmentReader(Cache);
    }

    public ArchiveStore Archive { get; }
    public HarkClusterSettings Settings { get; }
    public IImportSteps Steps { get; }
    public RecordingCache Cache { get; }
    public SegmentReader Segments { get; }
}
