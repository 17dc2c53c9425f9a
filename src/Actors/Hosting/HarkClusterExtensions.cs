using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Hark.Actors.Batches;
using Hark.Actors.Contracts;
using Hark.Actors.Import;
using Hark.Actors.Segments;
using Hark.Actors.Services;
using Hark.Actors.Sharding;
using Hark.Actors.Telemetry;
using Hark.Messages;
using Hark.Engine.Batches;
using Hark.Engine.Import;
using Hark.Storage;
using Hark.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace Hark.Actors.Hosting;

public static class HarkClusterExtensions
{
    /// <summary>
    /// Joins this process to the Hark cluster described by <paramref name="options"/> and registers
    /// <see cref="IRecordingService"/> and <see cref="IReadinessProbe"/> (plus <see cref="ArchiveServices"/> and the
    /// actor system). A node host calls it first so these replace its in-process defaults.
    /// </summary>
    /// <remarks>
    /// Importer nodes host the recording entities, <see cref="NodeOptions.ImportWorkers"/> importer workers and an
    /// indexer; reader nodes host the readers; other nodes reach both through shard region proxies. Workers find
    /// work through distributed pub-sub: entities with waiting chunks publish <see cref="WorkAvailable"/>, idle
    /// workers ask. With no seeds the node joins itself and starts a new cluster.
    /// </remarks>
    public static IServiceCollection AddHarkCluster(this IServiceCollection services, NodeOptions options, HarkClusterSettings? settings = null)
    {
        settings ??= new HarkClusterSettings();
        if (options.DowningStableAfterSeconds is { } stableAfter)
        {
            settings = settings with { DowningStableAfter = TimeSpan.FromSeconds(stableAfter) };
        }
        if (options.StorageOutageSeconds is { } outage)
        {
            settings = settings with { StorageOutagePatience = TimeSpan.FromSeconds(outage) };
        }
        var roles = options.Roles.Select(r => r.Trim().ToLowerInvariant()).Where(r => r.Length > 0).Distinct().ToArray();
        bool importer = roles.Contains(HarkRoles.Importer);
        bool reader = roles.Contains(HarkRoles.Reader);
        var hark = settings;

        services.AddSingleton(provider =>
        {
            var blobs = BlobStoreLocation.Open(options.Archive);
            var archive = new ArchiveStore(blobs);
            // Startup, before any request: the archive's root group must exist for imports to write into it.
            archive.EnsureCreatedAsync(CancellationToken.None).GetAwaiter().GetResult();
            return new ArchiveServices(archive, hark, new ImportSteps(ImportArchive(blobs, archive, hark, provider)));
        });

        services.AddAkka(options.ClusterName, (builder, provider) =>
        {
            var archive = provider.GetRequiredService<ArchiveServices>();
            var extractor = new RecordingMessageExtractor(hark.MaxShards);
            builder
                .AddHocon(HarkClusterConfig.Hocon, HoconAddMode.Prepend)
                .AddHocon(HarkClusterConfig.Membership(hark.MembershipTick, hark.DowningStableAfter), HoconAddMode.Prepend)
                // Through the host's logging, which a node sends to stderr: stdout stays for what a program prints on purpose.
                .ConfigureLoggers(loggers =>
                {
                    loggers.LogLevel = hark.LogLevel;
                    loggers.ClearLoggers();
                    loggers.AddLoggerFactory();
                })
                .WithRemoting(ClusterTls.Remoting(options))
                .WithClustering(new ClusterOptions
                {
                    SeedNodes = options.Seeds.Select(s => SeedAddress(options.ClusterName, s, ClusterTls.Protocol(options))).ToArray(),
                    Roles = roles,
                    SplitBrainResolver = new KeepMajorityOption(),
                })
                .WithCustomSerializer("hark", HarkMessageSerializer.BoundTypes, system => new HarkMessageSerializer(system))
                .WithDistributedPubSub(role: "");

            var readerShards = new ShardOptions
            {
                Role = HarkRoles.Reader,
                RememberEntities = false,
                // Readers passivate themselves when idle and no request is being streamed.
                ShouldPassivateIdleEntities = false,
            };
            if (reader)
            {
                builder.WithShardRegion<ReaderRegion>(HarkRoles.ReaderEntityName,
                    id => ReaderActor.Props(id, archive.Segments, hark.IdleTimeout, hark.SegmentIdleTimeout),
                    extractor, readerShards);
                builder.WithActors((system, _) =>
                    system.ActorOf(CacheInvalidator.Props(archive.Cache, DistributedPubSub.Get(system).Mediator), "cache-invalidator"));
            }
            else
            {
                builder.WithShardRegionProxy<ReaderRegion>(HarkRoles.ReaderEntityName, HarkRoles.Reader, extractor);
            }

            if (importer)
            {
                builder.WithActors((system, registry) =>
                {
                    registry.Register<Indexer>(system.ActorOf(IndexerActor.Props(archive.Steps), "indexer"));
                });
                builder.WithShardRegion<RecordingRegion>(HarkRoles.RecordingEntityName,
                    (system, registry) => id => RecordingEntity.Props(id, archive, registry.Get<Indexer>(),
                        DistributedPubSub.Get(system).Mediator, registry.Get<RecordingRegion>()),
                    extractor,
                    new ShardOptions
                    {
                        Role = HarkRoles.Importer,
                        RememberEntities = false,
                        // Entities passivate themselves: never while an import is in flight.
                        ShouldPassivateIdleEntities = false,
                        // Lets an entity with an import in flight wake itself at its shard's new home.
                        HandOffStopMessage = HandOffStop.Instance,
                    });
                // Batches start imports through the front door, the same one the HTTP API and the CLI use.
                var batchSteps = new BatchSteps(archive.Archive, () => provider.GetRequiredService<IRecordingService>());
                builder.WithShardRegion<BatchRegion>(HarkRoles.BatchEntityName,
                    id => BatchEntity.Props(id, batchSteps, hark.BatchPollInterval),
                    new BatchMessageExtractor(hark.MaxShards),
                    new ShardOptions
                    {
                        Role = HarkRoles.Importer,
                        RememberEntities = false,
                        ShouldPassivateIdleEntities = false,
                        HandOffStopMessage = HandOffStop.Instance,
                    });
                builder.WithActors((system, registry) =>
                {
                    var recordings = registry.Get<RecordingRegion>();
                    var mediator = DistributedPubSub.Get(system).Mediator;
                    if (hark.ResumeStagedImports)
                    {
                        system.ActorOf(ImportSweeper.Props(archive.Archive, recordings, registry.Get<BatchRegion>(), hark.SweepInterval), "import-sweeper");
                    }
                    // Zero workers is allowed: the node then hosts entities (stages sources, commits) and leaves
                    // the encoding to other importer nodes.
                    for (int i = 0; i < options.ImportWorkers; i++)
                    {
                        system.ActorOf(ImporterActor.Props(archive.Steps, recordings, mediator, hark.AskTimeout), $"importer-{i}");
                    }
                });
            }
            else
            {
                builder.WithShardRegionProxy<RecordingRegion>(HarkRoles.RecordingEntityName, HarkRoles.Importer, extractor);
                builder.WithShardRegionProxy<BatchRegion>(HarkRoles.BatchEntityName, HarkRoles.Importer, new BatchMessageExtractor(hark.MaxShards));
            }

            builder.WithActors((system, _) =>
            {
                HarkTelemetry.Observe(archive.Cache);
                system.ActorOf(NodeMetricsActor.Props(archive.Cache, archive.Archive.Cache, importer ? options.ImportWorkers : 0), NodeMetricsActor.Name);
                if (options.Seeds.Count == 0)
                {
                    var cluster = Cluster.Get(system);
                    cluster.Join(cluster.SelfAddress);
                }
            });
        });

        services.AddSingleton(provider => new ClusterOverview(provider.GetRequiredService<ActorSystem>()));
        services.AddSingleton<IReadinessProbe>(provider => new ClusterReadinessProbe(provider.GetRequiredService<ActorSystem>()));
        services.AddSingleton<IRecordingService>(provider =>
        {
            var registry = provider.GetRequiredService<ActorRegistry>();
            var archive = provider.GetRequiredService<ArchiveServices>();
            return new ClusterRecordingService(provider.GetRequiredService<ActorSystem>(),
                registry.Get<RecordingRegion>(), registry.Get<ReaderRegion>(), registry.Get<BatchRegion>(), archive.Archive, hark,
                localSegments: reader ? archive.Segments : null);
        });
        return services;
    }

    /// <summary>
    /// The archive as imports see it: a remote store's outages are waited out for <see cref="HarkClusterSettings.StorageOutagePatience"/>
    /// (an import owns its work and can wait; a read cannot, and sees the store as it is).
    /// </summary>
    private static ArchiveStore ImportArchive(IBlobStore blobs, ArchiveStore archive, HarkClusterSettings hark, IServiceProvider provider)
    {
        if (blobs is not ResilientBlobStore remote)
        {
            return archive;
        }
        var log = provider.GetService<ILoggerFactory>()?.CreateLogger("Hark.Storage");
        return new ArchiveStore(remote.WithPatience(hark.StorageOutagePatience, message => log?.LogWarning("{Outage}", message)));
    }

    /// <summary>"host:port" (or a full akka.tcp:// address) to a seed node address.</summary>
    public static string SeedAddress(string clusterName, string seed, string protocol = "akka.tcp") =>
        seed.Contains("://", StringComparison.Ordinal) ? seed : $"{protocol}://{clusterName}@{seed}";
}
