namespace Hark.Contracts;

/// <summary>
/// Import many sources as one batch: each source becomes its own recording (its id from its file name), imported
/// <see cref="Concurrency"/> at a time across the cluster, every importer taking chunks from all of them.
/// </summary>
public sealed record BatchRequest
{
    /// <summary>Null: a new id. Given again, the same batch is resumed (its sources were fixed when it was first made).</summary>
    public string? Id { get; init; }

    /// <summary>Source paths as the nodes see them, each a file, a directory (its audio files, not descending) or a glob
    /// (<c>*</c>, <c>?</c> in the last part); expanded once when the batch is made.</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>Imports in flight at once.</summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    /// <summary>How every source is imported: codec, bit rate, station, chunk length, replace... (its id and path are ignored).</summary>
    public ImportRequest Template { get; init; } = new() { Id = "batch", SourcePath = "" };

    public const int DefaultConcurrency = 4;
    public const int MaxConcurrency = 64;
    public const int MaxSources = 100_000;
}
