using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Remote.Hosting;
using Akka.Remote.Transport.DotNetty;
using Hark.Actors.Contracts;

namespace Hark.Actors.Hosting;

/// <summary>
/// Cluster remoting over mutual TLS when the node is given a certificate: every connection, in both directions,
/// presents it, and a peer is accepted only if it presents the same certificate (pinned by thumbprint). One PFX per
/// cluster, made once and copied to every node, is the whole set-up; a machine without it cannot join, nor reach an
/// actor of the cluster. Without a certificate remoting is plain TCP (keep it on loopback or a private network).
/// </summary>
public static class ClusterTls
{
    /// <summary>The PFX file's password, read from the environment only (never a file key, never printed).</summary>
    public const string PasswordVariable = "HARK_TLS_CERT_PASSWORD";

    /// <summary>The address scheme of this node's remoting: TLS changes it, so seeds must be named with it.</summary>
    public static string Protocol(NodeOptions options) => options.TlsCertificate is { Length: > 0 } ? "akka.ssl.tcp" : "akka.tcp";

    public static RemoteOptions Remoting(NodeOptions options)
    {
        var remote = new RemoteOptions { HostName = options.Hostname, Port = options.AkkaPort };
        if (options.TlsCertificate is not { Length: > 0 } path)
        {
            return remote;
        }
        var certificate = Load(path, Environment.GetEnvironmentVariable(PasswordVariable));
        remote.EnableSsl = true;
        remote.Ssl = new SslOptions
        {
            X509Certificate = certificate,
            SuppressValidation = false,
            RequireMutualAuthentication = true,
            // Nodes are reached by address, and every node holds the same certificate: the pin is the identity.
            ValidateCertificateHostname = false,
            CustomValidator = CertificateValidation.PinnedCertificate(certificate.Thumbprint),
        };
        return remote;
    }

    /// <summary>The certificate with its private key; a clear error naming the file otherwise.</summary>
    public static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"HARK_TLS_CERT: {path}: no such file");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.Exportable);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"HARK_TLS_CERT: {path} is not a PFX this password opens ({e.Message.Trim()})", e);
        }
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"HARK_TLS_CERT: {path} holds no private key; a node must prove it owns the certificate");
        }
        return certificate;
    }
}
