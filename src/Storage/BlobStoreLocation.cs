using System.Text.RegularExpressions;
using Hark.Storage.Blobs;

namespace Hark.Storage;

/// <summary>
/// Opens a blob store from a location string: a local directory path, or <c>az://container[/prefix]</c> with the
/// connection string taken from the environment variable <see cref="ConnectionStringVariable"/>.
/// </summary>
public static partial class BlobStoreLocation
{
    public const string ConnectionStringVariable = "HARK_AZURE_STORAGE_CONNECTION_STRING";
    private const string AzureScheme = "az://";

    public static IBlobStore Open(string location) => Open(location, Environment.GetEnvironmentVariable);

    /// <param name="environment">Looks up environment variables (tests pass their own).</param>
    public static IBlobStore Open(string location, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (string.IsNullOrWhiteSpace(location))
        {
            throw new BlobStoreConfigurationException("archive location is empty: give a directory or az://container[/prefix]");
        }
        if (location.StartsWith(AzureScheme, StringComparison.OrdinalIgnoreCase))
        {
            // Unreachable is one clear error, at once; a node's import steps add patience (ResilientBlobStore).
            return new ResilientBlobStore(OpenAzure(location, environment), TimeSpan.Zero);
        }
        if (location.Contains("://", StringComparison.Ordinal))
        {
            throw new BlobStoreConfigurationException($"{location}: unsupported archive location (use a directory or az://container[/prefix])");
        }
        return new LocalDirectoryBlobStore(location);
    }

    private static AzureBlobStore OpenAzure(string location, Func<string, string?> environment)
    {
        var rest = location[AzureScheme.Length..].Trim('/');
        int slash = rest.IndexOf('/');
        var container = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? "" : rest[(slash + 1)..] + "/";
        if (!ContainerName().IsMatch(container) || container.Contains("--", StringComparison.Ordinal))
        {
            throw new BlobStoreConfigurationException(
                $"{location}: \"{container}\" is not a valid container name (3-63 lowercase letters, digits and single hyphens)");
        }
        if (prefix.Length > 0)
        {
            try
            {
                BlobKey.ValidateFolder(prefix);
            }
            catch (InvalidBlobKeyException e)
            {
                throw new BlobStoreConfigurationException($"{location}: bad prefix: {e.Message}");
            }
        }
        var connectionString = environment(ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new BlobStoreConfigurationException($"{location}: set {ConnectionStringVariable} to the storage account's connection string");
        }
        try
        {
            return AzureBlobStore.Create(connectionString, container, prefix);
        }
        catch (FormatException e)
        {
            throw new BlobStoreConfigurationException($"{ConnectionStringVariable} is not a valid connection string: {e.Message}");
        }
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$")]
    private static partial Regex ContainerName();
}
