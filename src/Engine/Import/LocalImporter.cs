using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Hark.Storage;

namespace Hark.Engine.Import;

/// <summary>
/// Runs a whole import through the steps on this machine, without actors (the engine's own tests drive imports
/// with it; the CLI and the nodes run the same steps through the cluster): stages the source while <c>jobs</c> workers encode the chunks that are
/// ready (chunk n is ready once chunk n+1 is staged: its tail reads into it), staging no further ahead of them than a
/// <see cref="StagingWindow"/> allows, then commits.
/// </summary>
/// <param name="stagingAheadChunks">How far staging may run ahead of the encoders (see <see cref="StagingWindow"/>).</param>
public sealed class LocalImporter(IImportSteps steps, int stagingAheadChunks = StagingWindow.DefaultAheadChunks)
{
    public async Task<RecordingMetadata> ImportAsync(ImportRequest request, int jobs, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var plan = await steps.PlanAsync(request, ct);
        using var failure = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var ready = Channel.CreateUnbounded<(ImportPlan Plan, int Chunk)>();
        var window = new StagingWindow(stagingAheadChunks);
        int encoded = 0;
        long staged = 0;
        var started = DateTime.UtcNow;
        void Report(int chunkCount, long? total) =>
            progress?.Report(new ImportProgress(Interlocked.Read(ref staged), total, Volatile.Read(ref encoded), chunkCount, DateTime.UtcNow - started, plan.SampleRate));

        var workers = Enumerable.Range(0, Math.Max(1, jobs)).Select(_ => Task.Run(async () =>
        {
            await foreach (var (chunkPlan, chunk) in ready.Reader.ReadAllAsync(failure.Token))
            {
                await steps.EncodeChunkAsync(chunkPlan.Id, chunkPlan.Token, chunk, failure.Token);
                window.Encoded(chunk);
                Interlocked.Increment(ref encoded);
                Report(chunkPlan.ChunkCount, chunkPlan.TotalSamples);
            }
        }, failure.Token)).ToList();
        foreach (var worker in workers)
        {
            // A failed chunk stops the staging too instead of letting it run to the end first.
            _ = worker.ContinueWith(_ => failure.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        var stagingProgress = new Progress<ImportProgress>(p =>
        {
            Interlocked.Exchange(ref staged, p.SamplesStaged);
            Report(p.ChunkCount, p.TotalSamples);
        });
        ImportPlan final;
        try
        {
            final = await steps.StageSourceAsync(plan, chunk =>
            {
                if (chunk > 0)
                {
                    ready.Writer.TryWrite((plan, chunk - 1));
                }
                return ValueTask.CompletedTask;
            }, window, stagingProgress, failure.Token);
            Interlocked.Exchange(ref staged, final.TotalSamples ?? 0);
            ready.Writer.TryWrite((final, final.ChunkCount - 1));
            ready.Writer.Complete();
            await Task.WhenAll(workers);
        }
        catch (Exception error)
        {
            ready.Writer.TryComplete();
            await failure.CancelAsync();
            await Task.WhenAll(workers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
            var workerError = workers.FirstOrDefault(w => w.IsFaulted)?.Exception?.InnerException;
            if (error is OperationCanceledException && workerError is not null && !ct.IsCancellationRequested)
            {
                ExceptionDispatchInfo.Throw(workerError);
            }
            if (!ct.IsCancellationRequested)
            {
                await steps.FailAsync(plan.Id, plan.Token, (workerError ?? error).Message, CancellationToken.None);
            }
            throw;
        }
        Report(final.ChunkCount, final.TotalSamples);
        return await steps.CommitAsync(final.Id, final.Token, ct);
    }
}
