using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Hark.Actors.Contracts;
using Hark.Engine.Import;
using Hark.Engine.Segments;
using Hark.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hark.Node.Embedded;

/// <summary>
/// The recording service of a node that runs everything in its own process, with no cluster: imports run in the
/// background with <see cref="LocalImporter"/>, segments are read with <see cref="SegmentReader"/>. Status comes from
/// the imports running here and, for everything else, from the archive itself, so nodes sharing one archive
/// agree on every complete recording.
/// </summary>
public sealed class EmbeddedRecordingService : IRecordingService, IAsyncDisposable
{
    public const string MeterName = "Hark.Embedded";

    private readonly ArchiveStore _archive;
    private readonly ImportSteps _steps;
    private readonly RecordingCache _cache;
    private readonly SegmentReader _segments;
    private readonly int _workers;
    private readonly ILogger _logger;
    private readonly Meter _meter;
    private readonly ConcurrentDictionary<string, ImportJob> _jobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _starting = new(1, 1);

    public EmbeddedRecordingService(ArchiveStore archive, int importWorkers, ILogger<EmbeddedRecordingService>? logger = null)
    {
        _archive = archive;
        _steps = new ImportSteps(archive);
        _cache = new RecordingCache(archive);
        _segments = new SegmentReader(_cache);
        _workers = Math.Max(1, importWorkers);
        _logger = logger ?? NullLogger<EmbeddedRecordingService>.Instance;
        _meter = new Meter(MeterName);
        _meter.CreateObservableCounter("hark.cache.hits", () => _cache.Hits, description: "Segment reads that found the recording's index in memory.");
        _meter.CreateObservableCounter("hark.cache.misses", () => _cache.Misses, description: "Segment reads that loaded the recording's index from the archive.");
        _meter.CreateObservableGauge("hark.imports.running", () => _jobs.Values.Count(j => j.Running), description: "Imports running on this node.");
    }

    public async Task<RecordingStatus> StartImportAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        RecordingId.Validate(request.Id);
        await _archive.EnsureCreatedAsync(cancellationToken);
        // One start at a time, so two requests for the same id cannot both pass the checks below.
        await _starting.WaitAsync(cancellationToken);
        try
        {
            if (_jobs.TryGetValue(request.Id, out var running) && running.Running)
            {
                throw new RecordingExistsException(request.Id, RecordingState.Importing);
            }
            var existing = await _archive.FindRecordingAsync(request.Id, cancellationToken);
            if (existing is { State: RecordingState.Complete } && !request.Replace)
            {
                throw new RecordingExistsException(request.Id, existing.State);
            }
            // Planning probes the source: a missing or unreadable file is the caller's error, answered now.
            var plan = await _steps.PlanAsync(request, cancellationToken);
            var job = new ImportJob(plan);
            _jobs[request.Id] = job;
            job.Completion = Task.Run(() => RunAsync(job, request));
            return job.Status;
        }
        finally
        {
            _starting.Release();
        }
    }

    private async Task RunAsync(ImportJob job, ImportRequest request)
    {
        try
        {
            var progress = new Progress<ImportProgress>(job.Report);
            await new LocalImporter(_steps).ImportAsync(request, _workers, progress, job.Cancellation.Token);
            _cache.Invalidate(request.Id);
            job.Complete();
            _logger.LogInformation("imported {Id}", request.Id);
        }
        catch (OperationCanceledException) when (job.Cancellation.IsCancellationRequested)
        {
            job.Fail("cancelled");
        }
        catch (Exception error)
        {
            job.Fail(error.Message.ReplaceLineEndings(" ").Trim());
            _logger.LogWarning("import of {Id} failed: {Reason}", request.Id, error.Message);
        }
    }

    public async Task<RecordingStatus> GetStatusAsync(string id, CancellationToken cancellationToken)
    {
        if (_jobs.TryGetValue(id, out var job) && job.Status.Phase != RecordingPhase.Complete)
        {
            return job.Status;
        }
        var metadata = await _archive.FindRecordingAsync(id, cancellationToken);
        int chunks = job?.Status.ChunkCount ?? 0;
        if (metadata is null)
        {
            // Staged work of an import this process is not running: interrupted, failed, or running elsewhere.
            var unfinished = (await UnfinishedImport.ListAsync(_archive, cancellationToken)).FirstOrDefault(u => u.Id == id);
            return unfinished is null ? new RecordingStatus(id, RecordingPhase.Unknown, 0, 0) : StatusOf(unfinished);
        }
        return metadata.State switch
        {
            RecordingState.Complete => new RecordingStatus(id, RecordingPhase.Complete, chunks, chunks),
            RecordingState.Failed => new RecordingStatus(id, RecordingPhase.Failed, 0, 0, metadata.FailureReason),
            // Started elsewhere (another process on the same archive, or one that stopped): no progress known here.
            _ => new RecordingStatus(id, RecordingPhase.Importing, 0, 0),
        };
    }

    public async Task<IReadOnlyList<RecordingMetadata>> ListAsync(CancellationToken cancellationToken)
    {
        var stored = await _archive.ListRecordingsAsync(cancellationToken);
        var ids = stored.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var pending = _jobs.Values.Where(j => j.Status.Phase != RecordingPhase.Complete && !ids.Contains(j.Plan.Id)).Select(j => j.Placeholder()).ToList();
        ids.UnionWith(pending.Select(m => m.Id));
        var unfinished = (await UnfinishedImport.ListAsync(_archive, cancellationToken)).Where(u => !ids.Contains(u.Id)).Select(Placeholder);
        return [.. stored.Concat(pending).Concat(unfinished).OrderBy(m => m.Id, StringComparer.Ordinal)];
    }

    private static RecordingStatus StatusOf(UnfinishedImport import) => import.FailureReason is { } reason
        ? new RecordingStatus(import.Id, RecordingPhase.Failed, 0, 0, reason)
        : new RecordingStatus(import.Id, RecordingPhase.Importing, 0, 0);

    private static RecordingMetadata Placeholder(UnfinishedImport import) => new()
    {
        Id = import.Id,
        Codec = import.Codec,
        SampleRate = import.SampleRate,
        Channels = import.Channels,
        TotalSamples = import.TotalSamples ?? 0,
        SourceName = import.SourceName,
        State = import.FailureReason is null ? RecordingState.Importing : RecordingState.Failed,
        FailureReason = import.FailureReason,
    };

    public Task<RecordingMetadata> GetRecordingAsync(string id, CancellationToken cancellationToken) =>
        _segments.GetRecordingAsync(id, cancellationToken);

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        RecordingId.Validate(id);
        bool hadJob = false;
        if (_jobs.TryRemove(id, out var job))
        {
            hadJob = true;
            await job.Cancellation.CancelAsync();
            await job.Completion;
            job.Dispose();
        }
        _cache.Invalidate(id);
        bool staged = false;
        await foreach (var _ in _archive.ListStagingAsync(id, cancellationToken))
        {
            staged = true;
            break;
        }
        try
        {
            // Removes the staged work too, whatever state the recording is in.
            await _archive.DeleteRecordingAsync(id, cancellationToken);
        }
        catch (RecordingNotFoundException) when (hadJob || staged)
        {
            // An import that had not committed a group yet: removing its job and staging was the whole deletion.
        }
    }

    public Task WriteSegmentAsync(string id, long startSample, long count, SegmentFormat format, Stream destination, CancellationToken cancellationToken) =>
        _segments.ReadSegmentAsync(id, startSample, count, format, destination, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var job in _jobs.Values)
        {
            await job.Cancellation.CancelAsync();
        }
        await Task.WhenAll(_jobs.Values.Select(j => j.Completion));
        foreach (var job in _jobs.Values)
        {
            job.Dispose();
        }
        _meter.Dispose();
        _starting.Dispose();
    }
}
