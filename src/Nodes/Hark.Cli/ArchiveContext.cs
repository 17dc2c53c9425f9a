using System.CommandLine;
using Hark.Engine.Import;
using Hark.Engine.Segments;
using Hark.Storage;

namespace Hark.Cli;

/// <summary>The archive a command works on (from --archive) and the engine parts over it.</summary>
internal sealed class ArchiveContext
{
    private ArchiveContext(ArchiveStore archive)
    {
        Archive = archive;
        Steps = new ImportSteps(archive);
        Segments = new SegmentReader(new RecordingCache(archive));
    }

    public ArchiveStore Archive { get; }
    public ImportSteps Steps { get; }
    public SegmentReader Segments { get; }

    public static async Task<ArchiveContext> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        var location = parse.GetValue(GlobalOptions.Archive)!;
        var archive = ArchiveStore.Open(location);
        await archive.EnsureCreatedAsync(ct);
        return new ArchiveContext(archive);
    }
}
