using Hark.Engine.Import;
using Hark.Node.Tests.Fixtures;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Node.Tests.Failover;

/// <summary>
/// The sources the failover runs import, generated once, and the recording a clean single-process import of the
/// long one makes: what every failover import must equal, bit for bit.
/// </summary>
public sealed class FailoverSources : IAsyncLifetime
{
    /// <summary>The tests that kill nodes and stores: one at a time (each runs a cluster), sharing these sources.</summary>
    public const string Collection = "failover";

    public const int SampleRate = 48000;

    private readonly TempDirectory _dir = new("hark-failover-sources");

    public string Folder => _dir.Path;

    /// <summary>Four minutes of stereo field-like audio, imported while a node is killed.</summary>
    public string Long { get; private set; } = "";

    /// <summary>Twenty seconds already archived before the kill, read throughout the failover.</summary>
    public string Short { get; private set; } = "";

    /// <summary>The long source as a clean import stores it, decoded whole to f32.</summary>
    public byte[] CleanImport { get; private set; } = [];

    public static ImportRequest LongRequest(string source) => new() { Id = "field", SourcePath = source, ChunkSeconds = 5 };

    public async Task InitializeAsync()
    {
        Long = await AudioGenerator.GenerateAsync(
            $"aevalsrc=0.3*sin(2*PI*(250+4*t)*t)+0.03*(random(0)-0.5)|0.3*sin(2*PI*(900-2*t)*t)+0.03*(random(1)-0.5):s={SampleRate}:d=240",
            _dir.File("field.wav"), "-c:a", "pcm_s16le");
        Short = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 20, SampleRate), _dir.File("before.wav"), "-c:a", "pcm_s16le");
        var archive = ArchiveStore.Open(_dir.File("clean"));
        await new LocalImporter(new ImportSteps(archive)).ImportAsync(LongRequest(Long), 2, null, CancellationToken.None);
        CleanImport = await WholeAsync(archive, "field");
    }

    public static Task<byte[]> WholeAsync(ArchiveStore archive, string id) => ArchiveContents.WholeAsync(archive, id);

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(FailoverSources.Collection)]
public sealed class FailoverCollection : ICollectionFixture<FailoverSources>;
