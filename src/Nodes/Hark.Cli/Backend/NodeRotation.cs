using System.Net;
using System.Net.Http.Headers;

namespace Hark.Cli.Backend;

/// <summary>
/// The nodes a command may talk to, and how it rides out trouble. A node that cannot be reached is left for the next
/// one (and the command stays with the one that answered). A node that answers 503 (the cluster is recovering: a
/// member is being removed, shards are moving) is asked again, in turn with the others, after its Retry-After or a
/// growing pause, until <c>recovery</c> has passed; then its 503 is the answer. Stderr says once that it is waiting.
/// </summary>
internal sealed class NodeRotation : IDisposable
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    private readonly HttpClient[] _clients;
    private readonly TimeSpan _recovery;
    private int _current;
    private bool _toldWaiting;

    /// <param name="apiKey">Sent to every node as <c>Authorization: Bearer</c>; null sends none.</param>
    public NodeRotation(IReadOnlyList<Uri> nodes, TimeSpan recovery, string? apiKey = null)
    {
        if (nodes.Count == 0)
        {
            throw new ArgumentException("at least one node", nameof(nodes));
        }
        _clients = nodes.Select(node => Client(node, apiKey)).ToArray();
        _recovery = recovery;
    }

    /// <summary>Sends through the current node, moving on as described; the answer may still be an error status.</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpClient, Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + _recovery;
        var pause = FirstPause;
        var unreachable = new List<string>();
        while (true)
        {
            var client = _clients[_current];
            HttpResponseMessage response;
            try
            {
                response = await send(client);
            }
            catch (HttpRequestException e)
            {
                unreachable.Add($"{client.BaseAddress} ({e.Message})");
                if (unreachable.Count < _clients.Length)
                {
                    _current = (_current + 1) % _clients.Length;
                    continue;
                }
                throw new NodeRequestException(_clients.Length == 1
                    ? $"node {client.BaseAddress} is unreachable: {e.Message}"
                    : $"no node is reachable: {string.Join("; ", unreachable)}");
            }
            unreachable.Clear();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow + pause > deadline)
            {
                return response;
            }
            var wait = response.Headers.RetryAfter?.Delta is { } delta && delta < LongestPause ? delta : pause;
            response.Dispose();
            if (!_toldWaiting)
            {
                _toldWaiting = true;
                await Console.Error.WriteLineAsync(
                    $"hark: cluster recovering ({client.BaseAddress} answered 503); retrying for up to {_recovery.TotalSeconds:0} s");
            }
            await Task.Delay(wait, ct);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            _current = (_current + 1) % _clients.Length;
        }
    }

    private static HttpClient Client(Uri node, string? apiKey)
    {
        var client = new HttpClient { BaseAddress = node, Timeout = Timeout.InfiniteTimeSpan };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        return client;
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
