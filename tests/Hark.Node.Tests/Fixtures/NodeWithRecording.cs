using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Testing;

namespace Hark.Node.Tests.Fixtures;

/// <summary>
/// One node shared by the API tests, holding one AAC recording imported through POST /recordings: 5 s of a stereo
/// 48 kHz sine mix in 2 s chunks, so the import really runs in parallel chunks.
/// </summary>
public sealed class NodeWithRecording : IAsyncLifetime
{
    public const string RecordingId = "sines";
    public const int SampleRate = 48000;
    public const long TotalSamples = 5 * SampleRate;

    private readonly TempDirectory _sources = new("hark-node-sources");
    private RunningNode? _node;

    public RunningNode Node => _node ?? throw new InvalidOperationException("not started");

    public HttpClient Client => Node.Client;

    public string SourceFolder => _sources.Path;

    public JsonElement ImportAnswer { get; private set; }

    public HttpResponseMessage? ImportResponse { get; private set; }

    public async Task InitializeAsync()
    {
        // HTTP imports read only inside the node's import roots: here, the folder the sources are made in.
        _node = await RunningNode.StartAsync(configure: options => options with { ImportRoots = [_sources.Path] });
        var source = await MakeSourceAsync("sines.wav", seconds: 5, channels: 2);
        ImportResponse = await Client.PostAsJsonAsync("/recordings", new { path = source, id = RecordingId, chunk_seconds = 2 });
        if (ImportResponse.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"import answered {ImportResponse.StatusCode}: {await ImportResponse.Content.ReadAsStringAsync()}");
        }
        ImportAnswer = await ImportResponse.Content.ReadFromJsonAsync<JsonElement>();
        await ImportPolling.WaitForCompleteAsync(Client, RecordingId);
    }

    public Task<string> MakeSourceAsync(string name, double seconds, int channels, int sampleRate = SampleRate) =>
        AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(channels, seconds, sampleRate), _sources.File(name), "-c:a", "pcm_s16le");

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
public sealed class NodeCollection : ICollectionFixture<NodeWithRecording>
{
    public const string Name = "node with a recording";
}
