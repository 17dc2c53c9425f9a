using System.CommandLine;
using Hark.Actors.Hosting;
using Hark.Node;
using Hark.Node.Configuration;
using Hark.Media.Tools;
using Hark.Node.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Hark.Cli.Commands;

/// <summary>
/// <c>hark serve [--config FILE] [--port] [--akka-port] [--hostname] [--seed host:port ...] [--roles ...] [--insecure]</c>: runs a node
/// until Ctrl+C or SIGTERM. Settings: config file, then HARK_* variables, then these options.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "A node config file (config/*.json). Default: $HARK_CONFIG, else none." };
        var port = new Option<int?>("--port") { Description = "HTTP port of the API (0 = a free one). Default 8080." };
        var akkaPort = new Option<int?>("--akka-port") { Description = "Cluster remoting port." };
        var hostname = new Option<string?>("--hostname") { Description = "The name other nodes reach this one by." };
        var seeds = new Option<string[]>("--seed") { Description = "A seed node as host:port; repeat for more.", AllowMultipleArgumentsPerToken = true };
        var roles = new Option<string?>("--roles") { Description = "Comma separated: api, importer, reader. Default all three." };
        var insecure = new Option<bool>("--insecure")
        {
            Description = "Serve a non-loopback --hostname without API keys (HARK_API_KEYS): anyone who reaches the node can change the archive.",
        };
        var serve = new Command("serve", "Run a node: the HTTP API, dashboard and metrics over the archive, until stopped.")
        {
            config, port, akkaPort, hostname, seeds, roles, insecure,
        };
        CliAction.Bind(serve, async (parse, ct) =>
        {
            var options = NodeOptionsReader.Read(parse.GetValue(config));
            var flags = new Dictionary<string, string?>
            {
                [NodeSettingNames.Archive.Variable] = parse.GetResult(GlobalOptions.Archive) is { Implicit: false } ? parse.GetValue(GlobalOptions.Archive) : null,
                [NodeSettingNames.HttpPort.Variable] = parse.GetValue(port)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [NodeSettingNames.AkkaPort.Variable] = parse.GetValue(akkaPort)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [NodeSettingNames.Hostname.Variable] = parse.GetValue(hostname),
                [NodeSettingNames.Seeds.Variable] = parse.GetValue(seeds) is { Length: > 0 } s ? string.Join(',', s) : null,
                [NodeSettingNames.Roles.Variable] = parse.GetValue(roles),
                [NodeSettingNames.Insecure.Variable] = parse.GetValue(insecure) ? "1" : null,
            };
            // The options win over everything, checked by the same rules as the variables they stand for.
            options = NodeOptionsReader.ApplyEnvironment(options, name => flags.GetValueOrDefault(name));

            // A node is always a cluster member: a cluster of one without seeds.
            await using var app = NodeHost.Build(options);
            await app.StartAsync(ct);
            // Started: the archive is open and the keys are read, so no child (not even FFMpegCore's ffprobe) gets them.
            ChildEnvironment.ForgetInThisProcess();
            Console.WriteLine($"hark: {app.Services.GetRequiredService<NodeExposure>().Note}");
            Console.WriteLine($"hark: node serving {NodeHost.BoundAddress(app)} (archive {options.Archive}, roles {string.Join(',', options.Roles)}, cluster {options.ClusterName})");
            var stopping = app.Lifetime.ApplicationStopping;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: stop serving and end cleanly.
            }
            // Set when the actor system began to shut down; read before stopping the host adds a reason of its own.
            var reason = Akka.Actor.CoordinatedShutdown.Get(app.Services.GetRequiredService<Akka.Actor.ActorSystem>()).ShutdownReason;
            await app.StopAsync(CancellationToken.None);
            if (ClusterStoppedIt(reason) is { } why)
            {
                // Not asked to stop: the cluster refused or downed this node. Saying so, and failing, lets a supervisor see it.
                Console.Error.WriteLine($"hark: node stopped: {why}");
                return ExitCodes.Failure;
            }
            Console.WriteLine("hark: node stopped");
            return ExitCodes.Ok;
        });
        return serve;
    }

    /// <summary>Why the cluster stopped this node, when it was the cluster and not the operator.</summary>
    private static string? ClusterStoppedIt(Akka.Actor.CoordinatedShutdown.Reason? reason) => reason switch
    {
        Akka.Actor.CoordinatedShutdown.ClusterDowningReason => "the cluster downed this node (it was unreachable too long)",
        Akka.Actor.CoordinatedShutdown.ClusterJoinUnsuccessfulReason => "it could not join the cluster through its seeds",
        // Akka.Remote keeps this reason's type internal: known by its name.
        { } other when other.GetType().Name == "TlsHandshakeFailureReason" =>
            "a TLS handshake with another node failed (HARK_TLS_CERT must be the cluster's certificate)",
        _ => null,
    };
}
