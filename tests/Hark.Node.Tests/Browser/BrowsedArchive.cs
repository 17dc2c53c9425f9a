using Hark.Node.Tests.Fixtures;
using Hark.Testing;

namespace Hark.Node.Tests.Browser;

/// <summary>
/// A node of its own (the shared one's recordings are counted by other tests) with three recordings to browse: a
/// 1 kHz tone in AAC at station "marsh", the same in LAC at "ridge", and a short one that failed to import.
/// </summary>
public sealed class BrowsedArchive : IAsyncLifetime
{
    public const string Tone = "marsh-tone";
    public const string Lossless = "ridge-tone";
    public const double ToneHertz = 1000;
    public const int SampleRate = 48000;
    public const double Seconds = 20;

    private readonly TempDirectory _sources = new("hark-browse-sources");
    private RunningNode? _node;

    public RunningNode Node => _node ?? throw new InvalidOperationException("not started");

    public HttpClient Client => Node.Client;

    public async Task InitializeAsync()
    {
        _node = await RunningNode.StartAsync(configure: options => options with { ImportRoots = [_sources.Path] });
        var tone = await AudioGenerator.GenerateAsync(
            FormattableString.Invariant($"sine=f={ToneHertz}:r={SampleRate}:d={Seconds}"), _sources.File("tone.wav"), "-ac", "2", "-c:a", "pcm_s16le");
        await ImportPolling.StartAsync(Client, new { path = tone, id = Tone, station = "marsh", chunk_seconds = 5 });
        await ImportPolling.StartAsync(Client, new { path = tone, id = Lossless, station = "ridge", codec = "lac", chunk_seconds = 5 });
        await ImportPolling.WaitForCompleteAsync(Client, Tone);
        await ImportPolling.WaitForCompleteAsync(Client, Lossless);
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
