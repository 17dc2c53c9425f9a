using System.CommandLine;
using Hark.Actors.Contracts;
using Hark.Actors.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Hark.Cli.Backend;

/// <summary>
/// The cluster of one a recording command runs in when no --node is given and it needs an entity or a reader
/// (import, rm, segment, a WAV export, bench): the same entities, importers, indexer and readers a server runs, in
/// this process, on a loopback port nobody else needs to reach. <see cref="RecordingBackend"/> starts it.
/// </summary>
internal sealed class InProcessCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly IHost _host;

    private InProcessCluster(IHost host) => _host = host;

    /// <summary>The cluster's front door; resolvable once the actor system has started.</summary>
    public IRecordingService Recordings => _host.Services.GetRequiredService<IRecordingService>();

    /// <param name="parse">The command line: its --archive, and --verbose for the cluster's own log.</param>
    /// <param name="roles">The roles this process plays; reads need only the reader.</param>
    /// <param name="importWorkers">Parallel chunk encoders (the CLI's --jobs).</param>
    public static async Task<InProcessCluster> StartAsync(ParseResult parse, IReadOnlyList<string> roles, int importWorkers, CancellationToken ct)
    {
        bool verbose = parse.GetValue(GlobalOptions.Verbose);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The command reports what happened in one line; the cluster's log is for --verbose, and goes to stderr
        // because `hark segment -o -` writes audio to stdout.
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Error);
        if (!verbose)
        {
            // A failed start is the command's one-line error; the hosts' own accounts of it would repeat it.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            builder.Logging.AddFilter("Akka.Hosting", LogLevel.None);
        }
        var options = new NodeOptions
        {
            Archive = parse.GetValue(GlobalOptions.Archive)!,
            Hostname = "127.0.0.1",
            AkkaPort = 0,
            Seeds = [],
            Roles = roles,
            ImportWorkers = importWorkers,
            ClusterName = "hark-cli",
        };
        builder.Services.AddHarkCluster(options, HarkClusterSettings.ForOneCommand() with
        {
            LogLevel = verbose ? Akka.Event.LogLevel.InfoLevel : Akka.Event.LogLevel.ErrorLevel,
        });
        var host = builder.Build();
        var cluster = new InProcessCluster(host);
        try
        {
            await WithAkkaOnStderrAsync(() => host.StartAsync(ct));
            await cluster.WaitUntilUpAsync(host.Services.GetRequiredService<IReadinessProbe>(), ct);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Akka prints a few lines of its own to Console.Out while it starts and stops (before its loggers run and after
    /// they end); stdout may be carrying audio (`-o -`) or a command's results, so those lines go to stderr.
    /// </summary>
    private static async Task WithAkkaOnStderrAsync(Func<Task> startOrStop)
    {
        var stdout = Console.Out;
        Console.SetOut(Console.Error);
        try
        {
            await startOrStop();
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    private async Task WaitUntilUpAsync(IReadinessProbe probe, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(StartTimeout);
        var readiness = await probe.CheckAsync(ct);
        while (!readiness.Ready)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new InvalidOperationException($"the in-process cluster did not start within {StartTimeout.TotalSeconds:0} s: {readiness.Detail}");
            }
            readiness = await probe.CheckAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await WithAkkaOnStderrAsync(() => _host.StopAsync(CancellationToken.None));
        _host.Dispose();
    }
}
