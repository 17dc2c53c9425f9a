namespace Hark.Node.Configuration;

/// <summary>
/// Every setting a node reads, by its key in a config/ file and its environment variable. The table is the one
/// place both spellings live, so a docker-compose file can be checked against it.
/// </summary>
public static class NodeSettingNames
{
    /// <param name="ListSeparator">What a file's JSON list is joined with into the variable's text.</param>
    public sealed record Setting(string Key, string Variable, char ListSeparator = ',');

    public static readonly Setting Archive = new("archive", "HARK_ARCHIVE");
    public static readonly Setting Hostname = new("hostname", "HARK_HOSTNAME");
    public static readonly Setting AkkaPort = new("akka_port", "HARK_AKKA_PORT");
    public static readonly Setting HttpPort = new("http_port", "HARK_HTTP_PORT");
    public static readonly Setting Seeds = new("seeds", "HARK_SEEDS");
    public static readonly Setting Roles = new("roles", "HARK_ROLES");
    public static readonly Setting ImportWorkers = new("import_workers", "HARK_IMPORT_WORKERS");
    public static readonly Setting ClusterName = new("cluster_name", "HARK_CLUSTER_NAME");
    public static readonly Setting MaxSegmentSeconds = new("max_segment_seconds", "HARK_MAX_SEGMENT_SECONDS");
    public static readonly Setting MaxConcurrentReads = new("max_concurrent_reads", "HARK_MAX_CONCURRENT_READS");
    public static readonly Setting DowningStableAfterSeconds = new("downing_stable_after_seconds", "HARK_DOWNING_STABLE_AFTER_SECONDS");
    public static readonly Setting StorageOutageSeconds = new("storage_outage_seconds", "HARK_STORAGE_OUTAGE_SECONDS");
    public static readonly Setting TlsCertificate = new("tls_cert", "HARK_TLS_CERT");

    public static readonly Setting ApiKeys = new("api_keys", "HARK_API_KEYS");
    public static readonly Setting Insecure = new("insecure", "HARK_INSECURE");
    /// <summary>Folders, which may hold commas: the variable separates them by ':' as PATH does.</summary>
    public static readonly Setting ImportRoots = new("import_roots", "HARK_IMPORT_ROOTS", ':');
    /// <summary>Blob containers (and folders in them) an HTTP import may read: <c>container[/prefix]</c> or <c>ACCOUNT@container[/prefix]</c>.</summary>
    public static readonly Setting ImportContainers = new("import_containers", "HARK_IMPORT_CONTAINERS");

    public static IReadOnlyList<Setting> All { get; } =
        [Archive, Hostname, AkkaPort, HttpPort, Seeds, Roles, ImportWorkers, ClusterName, MaxSegmentSeconds, MaxConcurrentReads, DowningStableAfterSeconds, StorageOutageSeconds, TlsCertificate, ApiKeys, Insecure, ImportRoots, ImportContainers];

    /// <summary>Names a config file for the node to read before the variables above (which win over it).</summary>
    public const string ConfigFileVariable = "HARK_CONFIG";

    /// <summary>Read by the storage layer when the archive is az://...; not a NodeOptions field.</summary>
    public const string AzureConnectionStringVariable = Hark.Storage.BlobStoreLocation.ConnectionStringVariable;

    /// <summary>Every HARK_* variable a node understands.</summary>
    public static IReadOnlySet<string> Variables { get; } =
        new HashSet<string>(All.Select(s => s.Variable).Append(ConfigFileVariable).Append(AzureConnectionStringVariable), StringComparer.Ordinal);

    public static IReadOnlyList<string> KnownRoles { get; } = ["api", "importer", "reader"];
}
