using Hark.Storage;
using Hark.Storage.Uploads;

namespace Hark.Engine.Import.Sources;

/// <summary>
/// A source that is not a file on this machine: a blob (<c>az://[ACCOUNT@]container/path</c>) or an upload
/// (<c>upload:ID</c>) in an archive that is not a local folder. Opened as a store and a key in it.
/// </summary>
public sealed record RemoteSource(string Address, IBlobStore Store, string Key)
{
    public const string AzurePrefix = "az://";

    /// <summary>The variable holding a named account's connection string: <c>az://NAME@container/path</c>.</summary>
    public static string ConnectionStringVariableFor(string account) =>
        $"{BlobStoreLocation.ConnectionStringVariable}_{account.ToUpperInvariant().Replace('-', '_')}";

    public string Name => Key[(Key.LastIndexOf('/') + 1)..];

    public static bool IsRemote(string source) =>
        source.StartsWith(AzurePrefix, StringComparison.OrdinalIgnoreCase) || UploadArea.NamesUpload(source);

    /// <summary>The store and key a remote address names; <see cref="FileNotFoundException"/> for a malformed one.</summary>
    public static async Task<RemoteSource> ResolveAsync(string address, IBlobStore archive, Func<string, string?> environment, CancellationToken ct)
    {
        if (UploadArea.NamesUpload(address))
        {
            var upload = await new UploadArea(archive).GetAsync(UploadArea.IdOf(address), ct);
            if (!upload.Complete)
            {
                throw new UploadRefusedException($"upload {upload.Id} has {upload.Offset} of its {upload.Size} bytes: finish it before importing it");
            }
            return new RemoteSource(address, archive, UploadArea.DataKey(upload.Id, upload.Name));
        }
        var (store, key) = OpenAzure(address, environment);
        return key.Length == 0 || key.EndsWith('/')
            ? throw new FileNotFoundException($"{address}: names a folder, not a blob")
            : new RemoteSource(address, store, key);
    }

    /// <summary>The container (as a store, in the named account or the archive's) and the key in it (a folder's
    /// prefix, ending in '/', when the address ends so).</summary>
    public static (IBlobStore Store, string Key) OpenAzure(string address, Func<string, string?> environment)
    {
        var rest = address[AzurePrefix.Length..];
        string? account = null;
        int at = rest.IndexOf('@');
        int firstSlash = rest.IndexOf('/');
        if (at > 0 && (firstSlash < 0 || at < firstSlash))
        {
            account = rest[..at];
            rest = rest[(at + 1)..];
        }
        int slash = rest.IndexOf('/');
        if (slash <= 0)
        {
            throw new FileNotFoundException($"{address}: name a blob as az://container/path (or az://ACCOUNT@container/path)");
        }
        var variable = account is null ? BlobStoreLocation.ConnectionStringVariable : ConnectionStringVariableFor(account);
        Func<string, string?> lookup = name => name == BlobStoreLocation.ConnectionStringVariable ? environment(variable) : environment(name);
        try
        {
            return (BlobStoreLocation.Open($"{AzurePrefix}{rest[..slash]}", lookup), rest[(slash + 1)..]);
        }
        catch (BlobStoreConfigurationException e)
        {
            throw new ImportRefusedException(account is null ? e.Message : e.Message.Replace(BlobStoreLocation.ConnectionStringVariable, variable, StringComparison.Ordinal));
        }
    }
}
