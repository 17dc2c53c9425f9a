using System.Text.Json;
using System.Text.Json.Serialization;
using Hark.Actors.Contracts;
using Hark.Actors.Hosting;
using Hark.Node.Api;
using Hark.Node.Dashboard;
using Hark.Node.Health;
using Hark.Node.Security;
using Hark.Node.Spectrograms;
using Hark.Node.Telemetry;
using Hark.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Hark.Node;

/// <summary>
/// A Hark node's web host: the HTTP API over <see cref="IRecordingService"/>, health and readiness, OpenAPI,
/// Prometheus metrics and the dashboard, on Kestrel at <see cref="NodeOptions.HttpPort"/> (0 = a free port).
/// </summary>
public static class NodeHost
{
    /// <summary>
    /// The node joins (or, without seeds, forms) the cluster: its <see cref="IRecordingService"/> is the cluster's,
    /// the only implementation there is besides a client of another node.
    /// </summary>
    /// <param name="settings">Cluster timings; the defaults suit a server (tests shorten them).</param>
    /// <param name="configureServices">Anything more the host should hold (tests add probes of their own).</param>
    public static WebApplication Build(NodeOptions options, HarkClusterSettings? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(NodeHost).Assembly.GetName().Name,
            // Not the caller's working directory: a node reads no appsettings from wherever it was started.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Logs go to stderr: stdout is for what a node says on purpose (its address), which scripts read.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        // Decided before anything starts: a node that would serve an open archive to the network does not start.
        var exposure = NodeExposure.For(options);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(exposure.Address, options.HttpPort));

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(exposure);
        services.AddSingleton<ImportRoots>();
        services.AddSingleton(provider => new Hark.Storage.Uploads.UploadArea(provider.GetRequiredService<Hark.Actors.Hosting.ArchiveServices>().Archive.Blobs));
        services.AddSingleton<SpectrogramTiles>();
        ApiKeyAuthentication.Add(services, options);
        ReadLimit.Add(services, options);
        services.AddHarkCluster(options, settings);
        services.AddSingleton<ReadPathWarmup>();
        services.AddHostedService(provider => provider.GetRequiredService<ReadPathWarmup>());
        configureServices?.Invoke(services);
        services.ConfigureHttpJsonOptions(json => ConfigureJson(json.SerializerOptions));
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Hark node";
            document.Info.Description = "Import long recordings into the archive and read any segment of them, sample-exact.";
            ApiKeyOpenApi.Describe(document);
            return Task.CompletedTask;
        }).AddOperationTransformer((operation, context, _) =>
        {
            ApiKeyOpenApi.DescribeOpen(operation, context.Description.ActionDescriptor.EndpointMetadata);
            return Task.CompletedTask;
        }));
        NodeTelemetry.Add(services, options);

        var app = builder.Build();
        app.UseMiddleware<ProblemMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: a request without a valid key is a 401 and takes no read's place.
        app.UseRateLimiter();
        RecordingEndpoints.Map(app);
        BatchEndpoints.Map(app);
        UploadEndpoints.Map(app);
        AudioEndpoints.Map(app);
        PreviewEndpoints.Map(app);
        StationEndpoints.Map(app);
        ClusterEndpoints.Map(app);
        SpectrogramEndpoints.Map(app);
        HealthEndpoints.Map(app);
        DashboardEndpoints.Map(app);
        // Open with or without keys: a description of the routes, and numbers a scraper reads.
        app.MapOpenApi("/openapi.json").AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }

    /// <summary>The node's base address once started, with a wildcard bind made into a loopback address a client can use.</summary>
    public static Uri BoundAddress(WebApplication app) => BoundAddress(app.Services.GetRequiredService<IServer>());

    /// <inheritdoc cref="BoundAddress(WebApplication)"/>
    public static Uri BoundAddress(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("the node is not listening yet: start it first");
        var uri = new UriBuilder(first);
        if (uri.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*")
        {
            uri.Host = "127.0.0.1";
        }
        return uri.Uri;
    }

    /// <summary>snake_case names and enum values, the API's one JSON style (the archive's metadata uses it too).</summary>
    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }
}
