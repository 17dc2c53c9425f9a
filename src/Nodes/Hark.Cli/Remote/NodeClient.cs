using System.Net.Http.Json;
using System.Text.Json;
using Hark.Engine.Import;
using Hark.Engine.Segments;
using Hark.Node;
using Hark.Node.Api;
using Hark.Storage;

namespace Hark.Cli.Remote;

/// <summary>
/// The CLI's side of a node's HTTP API. Reads segments like the engine does (<see cref="ISegmentReader"/>), so a
/// command can use either; every problem+json answer becomes a <see cref="NodeRequestException"/>.
/// </summary>
internal sealed class NodeClient : ISegmentReader, IDisposable
{
    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private readonly HttpClient _http;

    public NodeClient(Uri node)
    {
        Node = node;
        _http = new HttpClient { BaseAddress = node, Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri Node { get; }

    public async Task<RecordingView> StartImportAsync(ImportRequest request, CancellationToken ct)
    {
        var body = new ImportBody
        {
            Path = request.SourcePath,
            Id = request.Id,
            Codec = request.Codec.Name(),
            Bitrate = request.BitRate is { } bits ? JsonSerializer.SerializeToElement(bits) : null,
            StartTime = request.StartTime,
            ChunkSeconds = request.ChunkSeconds,
            Replace = request.Replace,
            QuantizeFloat = request.QuantizeFloat,
        };
        using var response = await SendAsync(() => _http.PostAsJsonAsync("recordings", body, Json, ct), ct);
        return (await response.Content.ReadFromJsonAsync<RecordingView>(Json, ct))!;
    }

    public async Task<RecordingView> GetStatusAsync(string id, CancellationToken ct)
    {
        using var response = await SendAsync(() => _http.GetAsync(RecordingPath(id), ct), ct);
        return (await response.Content.ReadFromJsonAsync<RecordingView>(Json, ct))!;
    }

    public async Task<IReadOnlyList<RecordingSummary>> ListAsync(CancellationToken ct)
    {
        using var response = await SendAsync(() => _http.GetAsync("recordings", ct), ct);
        return (await response.Content.ReadFromJsonAsync<List<RecordingSummary>>(Json, ct))!;
    }

    public async Task<RecordingMetadata> GetRecordingAsync(string id, CancellationToken cancellationToken)
    {
        var view = await GetStatusAsync(id, cancellationToken);
        return view.Metadata ?? throw new NodeRequestException($"recording {id} is not readable yet: {view.Status}");
    }

    public async Task ReadSegmentAsync(string id, long startSample, long count, SegmentFormat format, Stream destination, CancellationToken cancellationToken)
    {
        var url = $"{RecordingPath(id)}/segment?start={startSample}&count={count}&format={format.ToString().ToLowerInvariant()}";
        using var response = await SendAsync(
            () => _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken), cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(destination, cancellationToken);
        await destination.FlushAsync(cancellationToken);
    }

    public ValueTask<int> ReadSamplesAsync(string id, long startSample, int count, Memory<float> interleaved, CancellationToken cancellationToken) =>
        StreamedSamples.ReadAsync(this, id, startSample, count, interleaved, cancellationToken);

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        using var response = await SendAsync(() => _http.DeleteAsync(RecordingPath(id), ct), ct);
    }

    public void Dispose() => _http.Dispose();

    private static string RecordingPath(string id) => $"recordings/{Uri.EscapeDataString(id)}";

    private async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (HttpRequestException e)
        {
            throw new NodeRequestException($"node {Node} is unreachable: {e.Message}");
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            throw new NodeRequestException(await DescribeAsync(response, ct));
        }
    }

    /// <summary>The problem's detail (its title when it has none), else the status line.</summary>
    private static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var problem = JsonDocument.Parse(text);
            if (problem.RootElement.ValueKind == JsonValueKind.Object &&
                (problem.RootElement.TryGetProperty("detail", out var detail) || problem.RootElement.TryGetProperty("title", out detail)) &&
                detail.GetString() is { Length: > 0 } message)
            {
                return message.ReplaceLineEndings(" ");
            }
        }
        catch (JsonException)
        {
            // Not problem+json (a proxy's page, say): the status says enough.
        }
        return $"node answered {(int)response.StatusCode} {response.ReasonPhrase}";
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        NodeHost.ConfigureJson(options);
        return options;
    }
}
