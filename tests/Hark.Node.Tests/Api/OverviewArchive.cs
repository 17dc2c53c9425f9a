using Hark.Node.Tests.Fixtures;
using Hark.Testing;

namespace Hark.Node.Tests.Api;

/// <summary>
/// A node of its own with recordings of a swelling signal whose loudness changes from column to column (and one
/// channel sits off zero, so a column's min is not minus its max), imported every way an overview is made: AAC and
/// Opus reading a 16-bit WAV in place, LAC from a staged 24-bit FLAC, and a copied AAC file, which gets none.
/// </summary>
public sealed class OverviewArchive : IAsyncLifetime
{
    public const string Aac = "swell-aac";
    public const string Opus = "swell-opus";
    public const string Lac = "swell-lac";
    public const string Copied = "swell-copy";
    public const int SampleRate = 48000;
    public const double Seconds = 30;

    private const string Swell = "aevalsrc=0.9*sin(2*PI*t/7)*sin(2*PI*440*t)|0.2+0.5*sin(2*PI*t/3)*sin(2*PI*660*t):s=48000:d=30";

    private readonly TempDirectory _sources = new("hark-overview-sources");
    private RunningNode? _node;

    public RunningNode Node => _node ?? throw new InvalidOperationException("not started");

    public HttpClient Client => Node.Client;

    public string Wav => _sources.File("swell.wav");

    public string Flac24 => _sources.File("swell24.flac");

    public async Task InitializeAsync()
    {
        _node = await RunningNode.StartAsync(configure: options => options with { ImportRoots = [_sources.Path] });
        await AudioGenerator.GenerateAsync(Swell, Wav, "-c:a", "pcm_s16le");
        await AudioGenerator.GenerateAsync(Swell, Flac24, "-c:a", "flac", "-sample_fmt", "s32", "-bits_per_raw_sample", "24");
        var m4a = await AudioGenerator.GenerateAsync(Swell, _sources.File("swell.m4a"), "-c:a", "aac", "-b:a", "128k");
        await ImportPolling.StartAsync(Client, new { path = Wav, id = Aac, chunk_seconds = 7 });
        await ImportPolling.StartAsync(Client, new { path = Wav, id = Opus, codec = "opus", chunk_seconds = 7 });
        await ImportPolling.StartAsync(Client, new { path = Flac24, id = Lac, codec = "lac", chunk_seconds = 7 });
        await ImportPolling.StartAsync(Client, new { path = m4a, id = Copied, codec = "copy" });
        foreach (var id in new[] { Aac, Opus, Lac, Copied })
        {
            await ImportPolling.WaitForCompleteAsync(Client, id);
        }
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
        _sources.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class OverviewCollection : ICollectionFixture<OverviewArchive>
{
    public const string Name = "node with overviews";
}
