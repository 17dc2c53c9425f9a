using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hark.Node.Api;
using Hark.Storage.Uploads;

namespace Hark.Cli.Backend;

/// <summary>
/// Sends a local file to a node's resumable upload (POST, then PATCH parts from the offset the node has): an upload
/// cut off (a dropped connection, a restarted node, a killed CLI) resumes from the last part the node kept.
/// </summary>
internal sealed class NodeUploads(NodeRotation nodes, JsonSerializerOptions json, bool keySent)
{
    public const int PartBytes = 16 * 1024 * 1024;
    private const int Attempts = 30;

    /// <summary>Uploads the file (or finds it uploaded already) and returns the upload's id.</summary>
    public async Task<string> UploadAsync(string path, Action<long, long>? progress, CancellationToken ct)
    {
        var file = new FileInfo(path);
        string sha;
        await using (var hashing = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous))
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(hashing, ct));
        }
        var state = await SendAsync<UploadState>(http => http.PostAsJsonAsync("uploads", new UploadEndpoints.UploadBody(file.Name, file.Length, sha), json, ct), ct);
        if (state.Offset > 0 && !state.Complete)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"upload {file.Name}: resuming at byte {state.Offset} of {state.Size}"));
        }
        await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous);
        var buffer = new byte[PartBytes];
        int failures = 0;
        while (!state.Complete)
        {
            progress?.Invoke(state.Offset, state.Size);
            source.Position = state.Offset;
            int length = (int)Math.Min(PartBytes, state.Size - state.Offset);
            await source.ReadExactlyAsync(buffer.AsMemory(0, length), ct);
            try
            {
                long offset = state.Offset;
                state = await SendAsync<UploadState>(http =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Patch, $"uploads/{state.Id}")
                    {
                        Content = new ByteArrayContent(buffer, 0, length),
                    };
                    request.Headers.Add(UploadEndpoints.OffsetHeader, offset.ToString(CultureInfo.InvariantCulture));
                    request.Content.Headers.ContentType = new("application/offset+octet-stream");
                    return http.SendAsync(request, ct);
                }, ct);
                failures = 0;
            }
            catch (Exception e) when (e is NodeRequestException or IOException or HttpRequestException && !ct.IsCancellationRequested && ++failures < Attempts)
            {
                // The part may or may not have been kept: ask where the upload stands, and go on from there.
                Console.Error.WriteLine($"upload {file.Name}: {CliAction.OneLine(e.Message)}; resuming");
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 200 * failures)), ct);
                state = await StateAsync(state.Id, ct);
            }
        }
        progress?.Invoke(state.Size, state.Size);
        return state.Id;
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        using var response = await nodes.SendAsync(http => http.DeleteAsync($"uploads/{id}", ct), ct);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
        {
            throw await NodeProblems.ToExceptionAsync(response, null, keySent, ct);
        }
    }

    private Task<UploadState> StateAsync(string id, CancellationToken ct) =>
        SendAsync<UploadState>(http => http.GetAsync($"uploads/{id}", ct), ct);

    private async Task<T> SendAsync<T>(Func<HttpClient, Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        using var response = await nodes.SendAsync(send, ct);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            // Another offset than ours: a part we thought lost was kept after all. Where it stands is the answer.
            throw new NodeRequestException(await response.Content.ReadAsStringAsync(ct));
        }
        if (!response.IsSuccessStatusCode)
        {
            throw await NodeProblems.ToExceptionAsync(response, null, keySent, ct);
        }
        return await response.Content.ReadFromJsonAsync<T>(json, ct) ?? throw new NodeRequestException("the node answered an upload with no body");
    }
}
