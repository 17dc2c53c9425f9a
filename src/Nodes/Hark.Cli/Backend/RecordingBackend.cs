using System.CommandLine;
using Hark.Storage;

namespace Hark.Cli.Backend;

/// <summary>
/// The front door a recording command talks to, chosen once from its command line: the HTTP API of the node --node
/// names, or else a cluster of one in this process on --archive, playing only the roles the command needs (a command
/// that needs none only reads the archive, through the cluster service's own reads, and starts no cluster). Nothing
/// after this choice knows which one it got.
/// </summary>
internal sealed class RecordingBackend : IAsyncDisposable
{
    private readonly IAsyncDisposable _owned;

    private RecordingBackend(IRecordingService recordings, IAsyncDisposable owned)
    {
        Recordings = recordings;
        _owned = owned;
    }

    public IRecordingService Recordings { get; }

    /// <param name="roles">The cluster roles the command's calls need when it runs here: none for reads of the archive
    /// (list, info, verify, ADTS and M4A exports), reader for segments, importer for imports and deletes.</param>
    /// <param name="importWorkers">Chunk encoders of the cluster of one (import's --jobs); 0 for other commands.</param>
    public static async Task<RecordingBackend> OpenAsync(ParseResult parse, IReadOnlyList<string> roles, int importWorkers, CancellationToken ct)
    {
        if (NodeOption.From(parse) is { } nodes)
        {
            var client = new NodeClient(nodes, NodeOption.Recovery(), NodeOption.ApiKeyFrom(parse));
            return new RecordingBackend(client, client);
        }
        if (roles.Count == 0)
        {
            var archive = ArchiveStore.Open(parse.GetValue(GlobalOptions.Archive)!);
            return new RecordingBackend(new ArchiveReadView(archive), NothingToDispose.Instance);
        }
        var cluster = await InProcessCluster.StartAsync(parse, roles, importWorkers, ct);
        return new RecordingBackend(cluster.Recordings, cluster);
    }

    public ValueTask DisposeAsync() => _owned.DisposeAsync();

    private sealed class NothingToDispose : IAsyncDisposable
    {
        public static readonly NothingToDispose Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
