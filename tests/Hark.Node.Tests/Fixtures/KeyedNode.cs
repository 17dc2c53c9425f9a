using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hark.Actors.Contracts;
using Hark.Testing;

namespace Hark.Node.Tests.Fixtures;

/// <summary>
/// A node with API keys (one write key, one read key) holding one LAC recording, imported with the write key through
/// POST /recordings from a source inside its import root.
/// </summary>
public sealed class KeyedNode : IAsyncLifetime
{
    public const string WriteKey = "w-7f3a9c2e";
    public const string ReadKey = "r-51b08d44";
    public const string RecordingId = "keyed";

    private readonly TempDirectory _sources = new("hark-keyed-sources");
    private RunningNode? _node;

    public RunningNode Node => _node ?? throw new InvalidOperationException("not started");

    public string SourceFolder => _sources.Path;

    public async Task InitializeAsync()
    {
        _node = await RunningNode.StartAsync(configure: options => options with
        {
            ApiKeys = [new ApiKey(ApiScope.Write, WriteKey), new ApiKey(ApiScope.Read, ReadKey)],
            ImportRoots = [_sources.Path],
        });
        var source = await MakeSourceAsync("keyed.wav");
        using var writer = Client(WriteKey);
        var started = await writer.PostAsJsonAsync("/recordings", new { path = source, id = RecordingId, codec = "lac" });
        if (started.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"import answered {started.StatusCode}: {await started.Content.ReadAsStringAsync()}");
        }
        await ImportPolling.WaitForCompleteAsync(writer, RecordingId);
    }

    public Task<string> MakeSourceAsync(string name) =>
        AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 1, 48000), _sources.File(name), "-c:a", "pcm_s16le");

    /// <summary>A client of the node sending <paramref name="key"/> as <c>Authorization: Bearer</c> (none when null).</summary>
    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = Node.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    /// <summary>A client sending <paramref name="key"/> as <c>X-Api-Key</c>.</summary>
    public HttpClient ApiKeyHeaderClient(string key)
    {
        var client = Client(null);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
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
