using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Hark.Testing;

/// <summary>
/// A loopback TCP port that takes connections and never answers: ffmpeg or ffprobe pointed at an http:// URL on it
/// connects, sends its request and waits for a reply that never comes. A real source that gives no data, for
/// tests of timeouts, without a named pipe or a sleep.
/// </summary>
public sealed class SilentHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public SilentHttpServer()
    {
        // The kernel completes each connection into the backlog; nothing ever reads or writes on it.
        _listener.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Url(string name) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/{name}");

    public void Dispose() => _listener.Stop();
}
