using System.Net;
using Hark.Actors.Contracts;
using Hark.Node.Configuration;
using Hark.Node.Security;

namespace Hark.Node.Tests.Configuration;

/// <summary>Where the HTTP API listens: loopback without keys, every interface only with keys or --insecure.</summary>
public sealed class NodeExposureTests
{
    private static readonly ApiKey[] Keys = [new(ApiScope.Write, "k")];

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("::1")]
    public void Without_keys_a_loopback_name_listens_on_loopback_and_says_so(string hostname)
    {
        var exposure = NodeExposure.For(new NodeOptions { Hostname = hostname });
        Assert.Equal(IPAddress.Loopback, exposure.Address);
        Assert.Contains("loopback only", exposure.Note);
    }

    [Fact]
    public void Without_keys_another_name_is_refused_naming_the_way_out()
    {
        var error = Assert.Throws<NodeConfigurationException>(() => NodeExposure.For(new NodeOptions { Hostname = "node1" }));
        Assert.Contains("HARK_HOSTNAME \"node1\"", error.Message);
        Assert.Contains("HARK_API_KEYS", error.Message);
        Assert.Contains("--insecure", error.Message);
    }

    [Fact]
    public void Keys_or_insecure_serve_every_interface()
    {
        Assert.Equal(IPAddress.Any, NodeExposure.For(new NodeOptions { Hostname = "node1", ApiKeys = Keys }).Address);
        var insecure = NodeExposure.For(new NodeOptions { Hostname = "node1", Insecure = true });
        Assert.Equal(IPAddress.Any, insecure.Address);
        Assert.StartsWith("INSECURE", insecure.Note);
    }
}
