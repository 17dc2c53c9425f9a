namespace Hark.Actors.Contracts;

/// <summary>How one node joins the cluster; read from config/ files and HARK_* environment variables.</summary>
public sealed record NodeOptions
{
    /// <summary>Archive location: a directory or az://container[/prefix] (HARK_ARCHIVE).</summary>
    public string Archive { get; init; } = "./archive";
    /// <summary>Host name other nodes reach this one by (HARK_HOSTNAME).</summary>
    public string Hostname { get; init; } = "127.0.0.1";
    /// <summary>Akka remoting port; 0 picks a free one (HARK_AKKA_PORT).</summary>
    public int AkkaPort { get; init; }
    /// <summary>HTTP port of the API (HARK_HTTP_PORT).</summary>
    public int HttpPort { get; init; } = 8080;
    /// <summary>Seed nodes as host:port (HARK_SEEDS, comma separated); empty = this node starts a new cluster.</summary>
    public IReadOnlyList<string> Seeds { get; init; } = [];
    /// <summary>api, importer, reader (HARK_ROLES).</summary>
    public IReadOnlyList<string> Roles { get; init; } = ["api", "importer", "reader"];
    /// <summary>Parallel chunk encoders on an importer node (HARK_IMPORT_WORKERS).</summary>
    public int ImportWorkers { get; init; } = Environment.ProcessorCount;
    public string ClusterName { get; init; } = "hark";
    /// <summary>Longest segment one HTTP request may ask for, in seconds of audio (HARK_MAX_SEGMENT_SECONDS); longer
    /// stretches go through the export routes.</summary>
    public int MaxSegmentSeconds { get; init; } = 3600;
    /// <summary>Segment and export reads one node serves at once (HARK_MAX_CONCURRENT_READS); as many more wait their
    /// turn, any beyond are answered 503 with Retry-After. Four per core: a read spends most of its time streaming.</summary>
    public int MaxConcurrentReads { get; init; } = 4 * Environment.ProcessorCount;
    /// <summary>The keys the HTTP API accepts (HARK_API_KEYS); none = the API is open, and served on loopback only.</summary>
    public IReadOnlyList<ApiKey> ApiKeys { get; init; } = [];
    /// <summary>Serve a non-loopback interface without keys anyway (HARK_INSECURE, <c>hark serve --insecure</c>).</summary>
    public bool Insecure { get; init; }
    /// <summary>Absolute folders a POST /recordings source must lie in, links resolved (HARK_IMPORT_ROOTS, ':' separated);
    /// none = the HTTP API imports nothing.</summary>
    public IReadOnlyList<string> ImportRoots { get; init; } = [];
    /// <summary>Blob containers an HTTP import may read (<c>container[/prefix]</c>, <c>ACCOUNT@container[/prefix]</c>); none by default.</summary>
    public IReadOnlyList<string> ImportContainers { get; init; } = [];
    /// <summary>Seconds membership must be stable before the split brain resolver downs an unreachable member
    /// (HARK_DOWNING_STABLE_AFTER_SECONDS); null = the cluster settings' default (7 s).</summary>
    public int? DowningStableAfterSeconds { get; init; }
    /// <summary>Seconds an import waits out an unreachable remote store before it fails (HARK_STORAGE_OUTAGE_SECONDS);
    /// null = the cluster settings' default (120 s).</summary>
    public int? StorageOutageSeconds { get; init; }
    /// <summary>A PFX file: with it the nodes talk mutual TLS and accept only peers presenting the same certificate
    /// (HARK_TLS_CERT; its password, if any, in HARK_TLS_CERT_PASSWORD); none = plain TCP.</summary>
    public string? TlsCertificate { get; init; }
}
