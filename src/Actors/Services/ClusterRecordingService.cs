using System.Threading.Channels;
using Akka.Actor;
using Hark.Actors.Contracts;
using Hark.Actors.Hosting;
using Hark.Actors.Segments;
using Hark.Actors.Sharding;
using Hark.Actors.Telemetry;
using Hark.Engine.Batches;
using Hark.Engine.Import;
using Hark.Engine.Import.Sources;
using Hark.Engine.Segments;
using Hark.Messages;
using Hark.Storage;

namespace Hark.Actors.Services;

/// <summary>
/// <see cref="IRecordingService"/> over the cluster: imports, status and deletes go to the recording's entity. A
/// segment read (and a WAV export) on a node with the reader role is decoded right here, from the node's own index
/// cache (the same one its sharded readers use, dropped on every delete or replace); on other nodes it goes to the
/// recording's sharded reader and streams back in acknowledged pieces. Listing, metadata, sizes, verification and
/// ADTS exports are read from the shared archive directly (<see cref="ArchiveRecordingReads"/>): every node sees the
/// same archive, and they need no actor's state.
/// </summary>
/// <param name="localSegments">This node's segment reader when it has the reader role; null otherwise.</param>
public sealed class ClusterRecordingService(
    ActorSystem system,
    IActorRef recordings,
    IActorRef readers,
    IActorRef batches,
    ArchiveStore archive,
    HarkClusterSettings settings,
    SegmentReader? localSegments = null) : IRecordingService
{
    private readonly ArchiveRecordingReads _reads = new(archive);
    private readonly SourceFiles _sources = new(archive.Blobs);
    private readonly ClusterRecovery _recovery = new(system, settings.DowningStableAfter + settings.RecoveringAskTimeout + TimeSpan.FromSeconds(5));

    public async Task<RecordingStatus> StartImportAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        RecordingId.Validate(request.Id);
        // Refused here, at the front door, so a mistyped path is a 400 and not an import that fails a moment later.
        // The nodes share their view of sources (a shared folder or a blob path), so this node sees what the entity will.
        await _sources.EnsureExistsAsync(request.SourcePath, cancellationToken);
        // The entity refuses it too; asked here, an existing recording is a 409 at the front door, not a failed status.
        if (!request.Replace && await archive.FindRecordingAsync(request.Id, cancellationToken) is { State: RecordingPhase.Complete })
        {
            throw new RecordingExistsException(request.Id, RecordingPhase.Complete);
        }
        return await AskAsync<RecordingStatus>(recordings, HarkRoles.Importer,
            new StartImport(request, HarkTelemetry.CurrentTraceParent()), cancellationToken);
    }

    public async Task<RecordingStatus> GetStatusAsync(string id, CancellationToken cancellationToken)
    {
        RecordingId.Validate(id);
        return await AskAsync<RecordingStatus>(recordings, HarkRoles.Importer, new GetImportStatus(id), cancellationToken);
    }

    public Task<IReadOnlyList<RecordingMetadata>> ListAsync(CancellationToken cancellationToken) =>
        _reads.ListAsync(cancellationToken);

    public Task<RecordingMetadata> GetRecordingAsync(string id, CancellationToken cancellationToken) =>
        _reads.GetRecordingAsync(id, cancellationToken);

    public Task<RecordingMetadata> GetForReadingAsync(string id, CancellationToken cancellationToken) =>
        localSegments is null ? GetRecordingAsync(id, cancellationToken) : localSegments.GetRecordingAsync(RecordingId.Validate(id), cancellationToken);

    public Task<RecordingInfo> GetInfoAsync(string id, CancellationToken cancellationToken) =>
        _reads.GetInfoAsync(id, cancellationToken);

    public Task<RecordingOverview?> GetOverviewAsync(string id, CancellationToken cancellationToken) =>
        _reads.GetOverviewAsync(id, cancellationToken);

    public Task<VerificationReport> VerifyAsync(string id, CancellationToken cancellationToken) =>
        _reads.VerifyAsync(id, cancellationToken);

    public async Task ExportAsync(string id, ExportFormat format, long? fromSample, long? toSample, Stream destination,
        CancellationToken cancellationToken)
    {
        switch (format)
        {
            case ExportFormat.Adts or ExportFormat.M4a:
                await _reads.ExportStoredFramesAsync(id, format, fromSample, toSample, destination, cancellationToken);
                break;
            case ExportFormat.Wav:
                // A WAV export is a segment read, served like any other.
                var (from, to) = ExportRange.Resolve(await GetRecordingAsync(id, cancellationToken), fromSample, toSample);
                await WriteSegmentAsync(id, from, to - from, SegmentFormat.Wav, destination, cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, $"not one of {ExportFormats.NameList}");
        }
    }

    public Task<IRangedExport> OpenM4aExportAsync(string id, long? fromSample, long? toSample, CancellationToken cancellationToken) =>
        _reads.OpenM4aExportAsync(id, fromSample, toSample, cancellationToken);

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        RecordingId.Validate(id);
        var deleted = await AskAsync<RecordingDeleted>(recordings, HarkRoles.Importer,
            new DeleteRecording(id, HarkTelemetry.CurrentTraceParent()), cancellationToken);
        if (deleted.Error is not null)
        {
            throw new IOException($"recording {id}: {deleted.Error}");
        }
        if (!deleted.Found)
        {
            throw new RecordingNotFoundException(id);
        }
    }

    public async Task WriteSegmentAsync(string id, long startSample, long count, SegmentFormat format, Stream destination, CancellationToken cancellationToken)
    {
        RecordingId.Validate(id);
        RequireRole(HarkRoles.Reader);
        if (localSegments is not null)
        {
            // No hop through an actor: a read costs what its decode costs.
            await LocalSegmentRead.ServeAsync(localSegments, Akka.Cluster.Cluster.Get(system).SelfAddress.ToString(), id, startSample, count, format,
                destination, cancellationToken);
            return;
        }
        var requestId = Guid.NewGuid();
        var answers = Channel.CreateUnbounded<(object Message, IActorRef Sender)>(new UnboundedChannelOptions { SingleReader = true });
        var receiver = system.ActorOf(SegmentReceiver.Props(answers.Writer), $"segment-{requestId:N}");
        try
        {
            readers.Tell(new ReadSegment(id, requestId, startSample, count, format, HarkTelemetry.CurrentTraceParent()), receiver);
            int expected = 0;
            while (true)
            {
                var (message, sender) = expected == 0
                    ? await FirstAnswerAsync(answers.Reader, cancellationToken)
                    : await NextAsync(answers.Reader, requestId, cancellationToken);
                switch (message)
                {
                    case SegmentChunk chunk when chunk.RequestId == requestId:
                        if (chunk.Sequence != expected)
                        {
                            throw new IOException($"segment of {id}: chunk {chunk.Sequence} arrived where {expected} was due");
                        }
                        expected++;
                        await destination.WriteAsync(chunk.Data, cancellationToken);
                        // Acknowledge after writing, so the reader runs only as fast as the destination drains.
                        sender.Tell(new SegmentAck(requestId, chunk.Sequence), receiver);
                        break;
                    case SegmentCompleted done when done.RequestId == requestId:
                        if (done.ChunkCount != expected)
                        {
                            throw new IOException($"segment of {id}: {expected} chunks arrived of {done.ChunkCount}");
                        }
                        await destination.FlushAsync(cancellationToken);
                        return;
                    case SegmentFailed failed when failed.RequestId == requestId:
                        throw failed.Kind switch
                        {
                            SegmentFailure.Range => new SegmentRangeException(failed.Message),
                            SegmentFailure.NotFound => new RecordingNotFoundException(id),
                            SegmentFailure.Unavailable => new NodeUnavailableException($"segment of {id}: {failed.Message}"),
                            SegmentFailure.Damaged => new CorruptRecordingException(id, failed.Message),
                            _ => new IOException($"segment of {id}: {failed.Message}"),
                        };
                }
            }
        }
        finally
        {
            system.Stop(receiver);
        }
    }

    public async Task<BatchStatus> StartBatchAsync(BatchRequest request, CancellationToken cancellationToken)
    {
        if (request.Concurrency is < 1 or > BatchRequest.MaxConcurrency)
        {
            throw new ImportRefusedException($"a batch's concurrency must be 1 to {BatchRequest.MaxConcurrency}, not {request.Concurrency}");
        }
        RequireRole(HarkRoles.Importer);
        if (request.Id is { } named && await archive.FindBatchAsync(BatchId.Validate(named), cancellationToken) is { } existing)
        {
            return Running(existing);
        }
        var batch = new BatchStatus
        {
            Id = request.Id ?? BatchId.New(),
            Phase = BatchPhase.Running,
            Concurrency = request.Concurrency,
            Created = DateTimeOffset.UtcNow,
            Template = request.Template with { Id = "batch", SourcePath = "" },
            Items = BatchSources.Expand(await _sources.ExpandAsync(request.Sources, BatchSources.IsAudio, BatchSources.Matches, cancellationToken)),
        };
        if (!await archive.CreateBatchAsync(batch, cancellationToken))
        {
            // Made by another request a moment ago.
            return Running(await GetBatchAsync(batch.Id, cancellationToken));
        }
        return Running(batch);
    }

    public async Task<BatchStatus> GetBatchAsync(string id, CancellationToken cancellationToken) =>
        await archive.FindBatchAsync(BatchId.Validate(id), cancellationToken) ?? throw new BatchNotFoundException(id);

    /// <summary>Wakes the batch's entity (wherever its shard lives) unless the batch is finished.</summary>
    private BatchStatus Running(BatchStatus batch)
    {
        if (batch.Phase == BatchPhase.Running)
        {
            batches.Tell(new RunBatch(batch.Id));
        }
        return batch;
    }

    /// <summary>Asks a region; no member with its role up, or no answer in time, is "unavailable" (503, retry later).</summary>
    private async Task<T> AskAsync<T>(IActorRef region, string role, object message, CancellationToken ct)
    {
        RequireRole(role);
        using var deadline = Deadline(settings.AskTimeout, ct);
        try
        {
            return await region.Ask<T>(message, settings.AskTimeout, deadline.Token);
        }
        catch (Exception e) when (e is AskTimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw deadline.NoAnswer(role);
        }
    }

    private AnswerDeadline Deadline(TimeSpan timeout, CancellationToken ct) =>
        new(_recovery, timeout, settings.RecoveringAskTimeout, ct);

    private void RequireRole(string role)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        if (cluster.SelfMember.Status != Akka.Cluster.MemberStatus.Up)
        {
            throw new NodeUnavailableException($"this node has not joined the cluster yet ({cluster.SelfMember.Status.ToString().ToLowerInvariant()})");
        }
        if (!cluster.State.Members.Any(m => m.Status == Akka.Cluster.MemberStatus.Up && m.HasRole(role)))
        {
            throw new NodeUnavailableException($"no node with the {role} role is up");
        }
    }

    /// <summary>Nothing was written yet, so no answer in time is "unavailable" (503, retry), not a broken stream.</summary>
    private async Task<(object Message, IActorRef Sender)> FirstAnswerAsync(ChannelReader<(object, IActorRef)> answers, CancellationToken ct)
    {
        using var deadline = Deadline(settings.SegmentIdleTimeout, ct);
        try
        {
            return await answers.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw deadline.NoAnswer(HarkRoles.Reader);
        }
    }

    private async Task<(object Message, IActorRef Sender)> NextAsync(ChannelReader<(object, IActorRef)> answers, Guid requestId, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.SegmentIdleTimeout);
        try
        {
            return await answers.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"segment request {requestId}: no answer from the reader within {settings.SegmentIdleTimeout}");
        }
    }
}
