using System.Globalization;
using System.Text.RegularExpressions;

namespace Hark.Node.Tests.Docker;

/// <summary>
/// A compose service's environment made to run on this machine: every <c>service:port</c> the file names becomes
/// 127.0.0.1 with the port that service really has here, and a bare service host name becomes 127.0.0.1.
/// The variable names are kept exactly.
/// </summary>
public static partial class LoopbackEnvironment
{
    /// <param name="ports">For each service, its port inside compose -> its port on loopback.</param>
    /// <param name="httpPort">This node's HTTP port here.</param>
    /// <param name="akkaPort">This node's cluster port here.</param>
    public static Dictionary<string, string> Rewrite(
        IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, IReadOnlyDictionary<int, int>> ports, int httpPort, int akkaPort)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in environment)
        {
            result[name] = name switch
            {
                "HARK_HTTP_PORT" => httpPort.ToString(CultureInfo.InvariantCulture),
                "HARK_AKKA_PORT" => akkaPort.ToString(CultureInfo.InvariantCulture),
                "HARK_HOSTNAME" => "127.0.0.1",
                _ => HostPort().Replace(value, match =>
                {
                    var service = match.Groups["host"].Value;
                    int port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                    return ports.TryGetValue(service, out var map) && map.TryGetValue(port, out int local)
                        ? $"127.0.0.1:{local}"
                        : match.Value;
                }),
            };
        }
        return result;
    }

    [GeneratedRegex(@"(?<host>[a-z][a-z0-9-]*):(?<port>\d+)")]
    private static partial Regex HostPort();
}
