using Hark.Actors.Contracts;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Hark.Node.Telemetry;

/// <summary>
/// OpenTelemetry for a node: every "Hark*" meter and activity source plus ASP.NET Core, scraped as Prometheus text
/// at /metrics, and pushed by OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT names a collector.
/// </summary>
public static class NodeTelemetry
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void Add(IServiceCollection services, NodeOptions options)
    {
        bool otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                "hark-node", serviceInstanceId: $"{options.Hostname}:{options.HttpPort}", autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("Hark*").AddAspNetCoreInstrumentation()
                    // No scrape cache: a scrape right after a request must see it.
                    .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddSource("Hark*").AddAspNetCoreInstrumentation().AddOtlpExporter());
        }
    }
}
