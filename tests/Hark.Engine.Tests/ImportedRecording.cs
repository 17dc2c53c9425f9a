using Hark.Engine.Export;
using Hark.Engine.Import;
using Hark.Engine.Segments;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Engine.Tests;

/// <summary>A generated source imported into a fresh local archive, with the engine parts to read it back.</summary>
public sealed class ImportedRecording : IAsyncDisposable
{
    private ImportedRecording(TempDirectory dir, ArchiveStore archive, RecordingMetadata metadata, string source)
    {
        Directory = dir;
        Archive = archive;
        Metadata = metadata;
        SourcePath = source;
        Steps = new ImportSteps(archive);
        Segments = new SegmentReader(new RecordingCache(archive));
    }

    public TempDirectory Directory { get; }
    public ArchiveStore Archive { get; }
    public RecordingMetadata Metadata { get; }
    public string SourcePath { get; }
    public ImportSteps Steps { get; }
    public SegmentReader Segments { get; }

    public static async Task<ImportedRecording> CreateAsync(string lavfiSource, string sourceName, string[] sourceArguments, ImportRequest request, int jobs = 2)
    {
        var dir = new TempDirectory("hark-engine");
        var source = await AudioGenerator.GenerateAsync(lavfiSource, dir.File(sourceName), sourceArguments);
        var archive = ArchiveStore.Open(dir.File("archive"));
        await archive.EnsureCreatedAsync(CancellationToken.None);
        var metadata = await new LocalImporter(new ImportSteps(archive))
            .ImportAsync(request with { SourcePath = source }, jobs, null, CancellationToken.None);
        return new ImportedRecording(dir, archive, metadata, source);
    }

    /// <summary>The stored AAC stream as ADTS, decoded by the ffmpeg CLI in one sequential pass, priming dropped.</summary>
    public async Task<float[]> ReferenceDecodeAsync()
    {
        var adts = Directory.File("export.aac");
        await using (var file = File.Create(adts))
        {
            var reader = await Archive.OpenRecordingAsync(Metadata.Id, CancellationToken.None);
            await AdtsExport.WriteAsync(reader, 0, Metadata.TotalSamples, file, CancellationToken.None);
        }
        var decoded = await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-i", adts, "-f", "f32le", "-");
        var all = Pcm.Floats(decoded.StandardOutput);
        int skip = Metadata.PrimingSamples * Metadata.Channels;
        return all.AsSpan(skip, (int)(Metadata.TotalSamples * Metadata.Channels)).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        Directory.Dispose();
        await ValueTask.CompletedTask;
    }
}
