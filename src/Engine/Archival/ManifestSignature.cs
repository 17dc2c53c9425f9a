using System.Security.Cryptography;

namespace Hark.Engine.Archival;

/// <summary>
/// An ECDSA P-256 signature of manifest.json's bytes with SHA-256, DER-encoded in manifest.json.sig: what
/// <c>openssl dgst -sha256 -sign KEY.pem</c> writes and <c>-verify PUB.pem</c> checks. The manifest holds every
/// chunk's hash, so a signed manifest covers the TIFFs too.
/// </summary>
public static class ManifestSignature
{
    /// <summary>Signs DIR/manifest.json; with <paramref name="dryRun"/> only checks that the key can sign.</summary>
    public static void Sign(string directory, string privateKeyPem, bool dryRun = false)
    {
        using var key = LoadKey(privateKeyPem, isPrivate: true);
        if (dryRun)
        {
            return;
        }
        var manifest = File.ReadAllBytes(Path.Combine(directory, ArchiveManifest.FileName));
        var signature = key.SignData(manifest, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var path = Path.Combine(directory, ArchiveManifest.SignatureFileName);
        File.WriteAllBytes(path + ".tmp", signature);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Null when the signature holds; otherwise why not.</summary>
    public static string? Check(string directory, string publicKeyPem)
    {
        using var key = LoadKey(publicKeyPem, isPrivate: false);
        var signaturePath = Path.Combine(directory, ArchiveManifest.SignatureFileName);
        if (!File.Exists(signaturePath))
        {
            return $"{ArchiveManifest.SignatureFileName} is missing";
        }
        var manifest = File.ReadAllBytes(Path.Combine(directory, ArchiveManifest.FileName));
        return key.VerifyData(manifest, File.ReadAllBytes(signaturePath), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
            ? null
            : $"{ArchiveManifest.SignatureFileName} does not match {ArchiveManifest.FileName} under this key";
    }

    private static ECDsa LoadKey(string path, bool isPrivate)
    {
        if (!File.Exists(path))
        {
            throw new ArchiveRefusedException($"{path}: no such key file");
        }
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        catch (ArgumentException e)
        {
            key.Dispose();
            throw new ArchiveRefusedException($"{path} holds no EC key in PEM: {e.Message}");
        }
        var parameters = key.ExportParameters(false);
        if (parameters.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            key.Dispose();
            throw new ArchiveRefusedException($"{path} is not a P-256 (prime256v1) key");
        }
        if (isPrivate)
        {
            try
            {
                key.ExportParameters(true);
            }
            catch (CryptographicException)
            {
                key.Dispose();
                throw new ArchiveRefusedException($"{path} is a public key; signing needs the private key");
            }
        }
        return key;
    }
}
