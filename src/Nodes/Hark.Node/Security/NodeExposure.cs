using System.Net;
using Hark.Actors.Contracts;
using Hark.Node.Configuration;

namespace Hark.Node.Security;

/// <summary>
/// Which interface the HTTP API listens on, and what the node says about it at start. A loopback host name keeps the
/// API on loopback; any other serves every interface (containers), which needs API keys: an open archive on a
/// network is refused unless the operator says <c>--insecure</c> (HARK_INSECURE).
/// </summary>
public sealed record NodeExposure(IPAddress Address, string Note)
{
    public static NodeExposure For(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool keyed = options.ApiKeys.Count > 0;
        if (IsLoopback(options.Hostname))
        {
            return new NodeExposure(IPAddress.Loopback, keyed
                ? "the HTTP API listens on loopback and needs an API key"
                : $"no API keys: the HTTP API listens on loopback only and is open to every local user (set {NodeSettingNames.ApiKeys.Variable} to require keys)");
        }
        if (keyed)
        {
            return new NodeExposure(IPAddress.Any, "the HTTP API listens on every interface and needs an API key");
        }
        if (!options.Insecure)
        {
            throw new NodeConfigurationException(
                $"{NodeSettingNames.Hostname.Variable} \"{options.Hostname}\" serves the HTTP API on every interface, and no API keys are set: " +
                $"set {NodeSettingNames.ApiKeys.Variable}, or pass --insecure ({NodeSettingNames.Insecure.Variable}=1) to serve the archive open to the network");
        }
        return new NodeExposure(IPAddress.Any,
            "INSECURE: no API keys, and the HTTP API listens on every interface: anyone who reaches this node can change the archive");
    }

    private static bool IsLoopback(string hostname) =>
        hostname is "localhost" || (IPAddress.TryParse(hostname, out var ip) && IPAddress.IsLoopback(ip));
}
