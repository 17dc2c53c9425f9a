using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Remote.Transport.DotNetty;
using Hark.Testing;

namespace Hark.Node.Tests.Security;

/// <summary>
/// Nodes given the cluster's certificate (HARK_TLS_CERT) talk mutual TLS: a node with the same certificate joins; a
/// node with another certificate cannot join, and an actor selection from a system holding another certificate to
/// the sharding region reaches nothing, while one holding the cluster's certificate reaches it.
/// </summary>
public sealed class ClusterTlsTests : IDisposable
{
    private const string Password = "cluster-secret";
    private readonly TempDirectory _dir = new("hark-tls");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Only_nodes_with_the_clusters_certificate_join_or_reach_its_actors()
    {
        var clusterCert = MakePfx("cluster.pfx", "hark-cluster");
        var otherCert = MakePfx("other.pfx", "somebody-else");
        int seedPort = FreePorts.Next();
        await using var first = await StartAsync(clusterCert, seedPort, seedPort);
        await using var second = await StartAsync(clusterCert, FreePorts.Next(), seedPort);
        using var client = new HttpClient { BaseAddress = first.Address };
        await ClusterReadiness.WaitForMembersAsync(client, 2);

        var region = $"akka.ssl.tcp://hark@127.0.0.1:{seedPort}/system/sharding/recording";
        Assert.NotNull(await IdentifyAsync(clusterCert, region)); // the path is right: the cluster's certificate reaches it
        Assert.Null(await IdentifyAsync(otherCert, region));

        // A node with another certificate fails its first handshake and stops itself (Akka's coordinated shutdown on a
        // TLS failure): it never joins, and the cluster, which refused it, carries on as it was.
        var stranger = await ProcessRunner.RunAsync(RepoPaths.HarkScript,
            ["serve", "--port", "0", "--akka-port", FreePorts.Next().ToString(CultureInfo.InvariantCulture), "--seed", $"127.0.0.1:{seedPort}",
             "--archive", _dir.File("archive")],
            environment: Certificate(otherCert), timeout: TimeSpan.FromMinutes(2));
        Assert.Equal(1, stranger.ExitCode);
        Assert.Contains("hark: node stopped: a TLS handshake with another node failed (HARK_TLS_CERT must be the cluster's certificate)",
            stranger.StandardError);
        Assert.Contains("2 nodes up", await (await client.GetAsync("readyz")).Content.ReadAsStringAsync());
    }

    private Task<ServeProcess> StartAsync(string certificate, int akkaPort, int seedPort) =>
        ServeProcess.StartAsync(
            ["--port", "0", "--akka-port", akkaPort.ToString(CultureInfo.InvariantCulture), "--seed", $"127.0.0.1:{seedPort}",
             "--archive", _dir.File("archive")],
            Certificate(certificate));

    private static Dictionary<string, string> Certificate(string pfx) =>
        new() { ["HARK_TLS_CERT"] = pfx, ["HARK_TLS_CERT_PASSWORD"] = Password };

    /// <summary>Asks the actor at <paramref name="path"/> who it is, from a plain remoting system holding
    /// <paramref name="pfx"/>; null when nothing answers.</summary>
    private static async Task<IActorRef?> IdentifyAsync(string pfx, string path)
    {
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(pfx, Password, X509KeyStorageFlags.Exportable);
        var config = ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0, enable-ssl = true }
            akka.loglevel = ERROR
            """);
        var setup = BootstrapSetup.Create().WithConfig(config)
            .And(new DotNettySslSetup(certificate, suppressValidation: false, requireMutualAuthentication: true,
                CertificateValidation.PinnedCertificate(certificate.Thumbprint)));
        using var system = ActorSystem.Create("outsider", setup);
        try
        {
            var identity = await system.ActorSelection(path).Ask<ActorIdentity>(new Identify(1), TimeSpan.FromSeconds(10));
            return identity.Subject;
        }
        catch (AskTimeoutException)
        {
            return null;
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>A self-signed certificate with its key, as an operator makes one for a cluster.</summary>
    private string MakePfx(string name, string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // server and client auth
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = _dir.File(name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
