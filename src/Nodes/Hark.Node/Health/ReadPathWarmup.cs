using Hark.Actors.Contracts;
using Hark.Actors.Hosting;
using Hark.Engine.Segments;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hark.Node.Health;

/// <summary>
/// Warms a fresh node before /readyz says ready: once the cluster is up it decodes one second of one complete
/// recording through the node's segment reader (loading the codec libraries, compiling the read path, caching that
/// recording's index) and asks its own /healthz over HTTP (compiling Kestrel's pipeline and the routes). Without it a
/// client's first segment request paid all of that. The read goes to no client and is not counted as served.
/// Warming is an optimisation, never a reason not to serve: it gives up after <see cref="Patience"/> or on any error.
/// </summary>
public sealed partial class ReadPathWarmup(
    ArchiveServices archive, IReadinessProbe probe, IServer server, IHostApplicationLifetime lifetime, ILogger<ReadPathWarmup> log) : BackgroundService
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Warmed, or given up: /readyz no longer waits for it.</summary>
    public bool IsDone => _done.Task.IsCompleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        patience.CancelAfter(Patience);
        var ct = patience.Token;
        try
        {
            while (!(await probe.CheckAsync(ct)).Ready)
            {
                await Task.Delay(20, ct);
            }
            if (await archive.Archive.FirstCompleteRecordingAsync(ct) is { } recording)
            {
                long count = Math.Min(recording.TotalSamples, recording.SampleRate);
                await archive.Segments.ReadSegmentAsync(recording.Id, (recording.TotalSamples - count) / 2, count, SegmentFormat.F32, Stream.Null, ct);
            }
            await WhenStartedAsync(ct);
            using var http = new HttpClient { BaseAddress = NodeHost.BoundAddress(server) };
            using var _ = await http.GetAsync("healthz", ct);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            Gave(log, e.Message);
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    private async Task WhenStartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warming the read path stopped early: {Reason}")]
    private static partial void Gave(ILogger logger, string reason);
}
