using Hark.Storage.Uploads;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Node;
using Hark.Storage;
using Hark.Node.Api;

namespace Hark.Cli.Backend;

/// <summary>
/// <see cref="IRecordingService"/> over a node's HTTP API: the same calls, answers and exceptions as the cluster's
/// own service (<see cref="NodeProblems"/> turns each problem+json answer back into the exception the node threw).
/// </summary>
internal sealed class NodeClient : IRecordingService, IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private readonly NodeRotation _nodes;
    private readonly bool _sendsKey;

    /// <param name="nodes">Every node the command line names: a request goes to the first that answers.</param>
    /// <param name="recovery">How long a request rides out a recovering cluster (503s) before it gives up.</param>
    /// <param name="apiKey">Sent with every request as <c>Authorization: Bearer</c>; null sends none.</param>
    public NodeClient(IReadOnlyList<Uri> nodes, TimeSpan recovery, string? apiKey = null)
    {
        _nodes = new NodeRotation(nodes, recovery, apiKey);
        _sendsKey = apiKey is not null;
        Uploads = new NodeUploads(_nodes, Json, _sendsKey);
    }

    /// <summary>Sends local files to the node's archive, for nodes that cannot read the CLI's paths.</summary>
    public NodeUploads Uploads { get; }


    public async Task<RecordingStatus> StartImportAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        var body = UploadArea.NamesUpload(request.SourcePath)
            ? ToBody(request) with { Upload = UploadArea.IdOf(request.SourcePath), Id = request.Id }
            : ToBody(request) with { Path = request.SourcePath, Id = request.Id };
        using var response = await SendAsync(request.Id, http => http.PostAsJsonAsync("recordings", body, Json, cancellationToken), cancellationToken);
        return (await ReadAsync<RecordingView>(response, cancellationToken)).ToStatus();
    }

    /// <summary>How to import, as the node's import body says it (no path or id).</summary>
    private static ImportBody ToBody(ImportRequest request) =>
        new()
        {
            Codec = request.Codec.Name,
            Stream = request.Stream,
            Station = request.Station,
            NamePattern = request.NamePattern,
            Bitrate = request.BitRate is { } bits ? JsonSerializer.SerializeToElement(bits) : null,
            StartTime = request.StartTime,
            ChunkSeconds = request.ChunkSeconds,
            Replace = request.Replace,
            QuantizeFloat = request.QuantizeFloat,
        };

    public async Task<RecordingStatus> GetStatusAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync(id, http => http.GetAsync(RecordingPath(id), cancellationToken), cancellationToken);
            return (await ReadAsync<RecordingView>(response, cancellationToken)).ToStatus();
        }
        catch (RecordingNotFoundException e) when (e.State is null)
        {
            // The route answers 404 for an id nobody knows; the front door's answer for that is a status.
            return new RecordingStatus(id, RecordingPhase.Unknown, 0, 0);
        }
    }

    public async Task<IReadOnlyList<RecordingMetadata>> ListAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(null, http => http.GetAsync("recordings", cancellationToken), cancellationToken);
        return [.. (await ReadAsync<List<RecordingSummary>>(response, cancellationToken)).Select(row => row.Metadata)];
    }

    public async Task<RecordingMetadata> GetRecordingAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(id, http => http.GetAsync($"{RecordingPath(id)}/metadata", cancellationToken), cancellationToken);
        return await ReadAsync<RecordingMetadata>(response, cancellationToken);
    }

    public async Task<RecordingInfo> GetInfoAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(id, http => http.GetAsync($"{RecordingPath(id)}/info", cancellationToken), cancellationToken);
        return await ReadAsync<RecordingInfo>(response, cancellationToken);
    }

    public async Task<RecordingOverview?> GetOverviewAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(id, http => http.GetAsync($"{RecordingPath(id)}/overview", cancellationToken), cancellationToken);
        return response.StatusCode == System.Net.HttpStatusCode.NoContent ? null : await ReadAsync<RecordingOverview>(response, cancellationToken);
    }

    public async Task<VerificationReport> VerifyAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(id, http => http.PostAsync($"{RecordingPath(id)}/verify", null, cancellationToken), cancellationToken);
        return await ReadAsync<VerificationReport>(response, cancellationToken);
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(id, http => http.DeleteAsync(RecordingPath(id), cancellationToken), cancellationToken);
    }

    public Task WriteSegmentAsync(string id, long startSample, long count, SegmentFormat format, Stream destination, CancellationToken cancellationToken) =>
        StreamAsync(id, Invariant($"{RecordingPath(id)}/segment?start={startSample}&count={count}&format={format.ToString().ToLowerInvariant()}"),
            destination, cancellationToken);

    public Task ExportAsync(string id, ExportFormat format, long? fromSample, long? toSample, Stream destination, CancellationToken cancellationToken) =>
        StreamAsync(id, Invariant($"{RecordingPath(id)}/export.{format.Name()}?from={fromSample}&to={toSample}"), destination, cancellationToken);

    /// <summary>No command asks: an export from a node is streamed whole (<see cref="ExportAsync"/>); ranges are for browsers.</summary>
    public Task<IRangedExport> OpenM4aExportAsync(string id, long? fromSample, long? toSample, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the CLI streams a node's export whole; byte ranges are served by the node");

    public async Task<BatchStatus> StartBatchAsync(BatchRequest request, CancellationToken cancellationToken)
    {
        var body = new BatchBody { Id = request.Id, Sources = request.Sources, Concurrency = request.Concurrency, Options = ToBody(request.Template) };
        using var response = await SendAsync(null, http => http.PostAsJsonAsync("batches", body, Json, cancellationToken), cancellationToken);
        return await ReadAsync<BatchStatus>(response, cancellationToken);
    }

    public async Task<BatchStatus> GetBatchAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(null, http => http.GetAsync($"batches/{Uri.EscapeDataString(id)}", cancellationToken), cancellationToken);
        return await ReadAsync<BatchStatus>(response, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _nodes.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string RecordingPath(string id) => $"recordings/{Uri.EscapeDataString(id)}";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private async Task StreamAsync(string id, string url, Stream destination, CancellationToken ct)
    {
        using var response = await SendAsync(id, http => http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct), ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await body.CopyToAsync(destination, ct);
        await destination.FlushAsync(ct);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct) =>
        await response.Content.ReadFromJsonAsync<T>(Json, ct) ?? throw new NodeRequestException($"node answered {(int)response.StatusCode} with no body");

    /// <param name="id">The recording the request is about, for rebuilding a not-found or exists answer.</param>
    private async Task<HttpResponseMessage> SendAsync(string? id, Func<HttpClient, Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        var response = await _nodes.SendAsync(send, ct);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            throw await NodeProblems.ToExceptionAsync(response, id, _sendsKey, ct);
        }
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        NodeHost.ConfigureJson(options);
        return options;
    }
}
