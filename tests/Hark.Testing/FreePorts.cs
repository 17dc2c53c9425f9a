using System.Net;
using System.Net.Sockets;

namespace Hark.Testing;

public static class FreePorts
{
    /// <summary>A loopback port free right now (the OS may hand it out again later; callers retry on a clash).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
