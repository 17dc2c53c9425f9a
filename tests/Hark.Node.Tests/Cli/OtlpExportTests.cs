using Hark.Node.Tests.Fixtures;
using Hark.Testing;

namespace Hark.Node.Tests.Cli;

/// <summary>With OTEL_EXPORTER_OTLP_ENDPOINT set, a node pushes its traces and metrics to that collector.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task A_node_exports_traces_and_metrics_by_otlp_when_the_endpoint_is_set()
    {
        await using var collector = await OtlpRecorder.StartAsync();
        using var folder = new TempDirectory("hark-otlp");
        var environment = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            // Export often, so the test waits for the first batches and not for the defaults' minute.
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        };
        await using var serve = await ServeProcess.StartAsync(["--port", "0", "--archive", folder.File("archive")], environment);
        using var http = new HttpClient { BaseAddress = serve.Address };
        for (int i = 0; i < 300 && !(collector.Contains("traces", "/recordings") && collector.Contains("metrics", "http.server.request.duration")); i++)
        {
            await http.GetAsync("recordings");
            await Task.Delay(100);
        }
        Assert.True(collector.Contains("traces", "/recordings"), "no trace of GET /recordings reached the collector");
        Assert.True(collector.Contains("metrics", "http.server.request.duration"), "no request metrics reached the collector");
        Assert.True(collector.Contains("metrics", "hark-node"), "metrics carry the node's service name");
        Assert.False(collector.Received.ContainsKey("logs"), "logs stay on the console");
    }
}
