using System.Text.Json;
using System.Text.RegularExpressions;
using Hark.Node.Tests.Fixtures;
using Hark.Testing;

namespace Hark.Node.Tests.Docker;

/// <summary>
/// docker/'s Prometheus and Grafana files (Docker does not run here) checked against the compose file and against a
/// running node: Prometheus scrapes every compose node where it serves /metrics, Grafana's provisioning finds the
/// dashboard and its data source, and every metric the dashboard queries is one a node really exports, so renaming
/// a metric fails here rather than leaving an empty panel.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed partial class MonitoringConfigTests(NodeWithRecording node)
{
    private static string Docker(params string[] parts) => Path.Combine([RepoPaths.Root, "docker", .. parts]);

    [Fact]
    public void Prometheus_scrapes_every_compose_node_at_its_http_port()
    {
        var config = File.ReadAllText(Docker("prometheus.yml"));
        var environments = ComposeFile.ReadEnvironments(ComposeFileTests.ComposePath);

        Assert.Contains("metrics_path: /metrics", config);
        var targets = Targets().Matches(config).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ComposeFileTests.Nodes.Select(n => $"{n}:{environments[n]["HARK_HTTP_PORT"]}"), targets);
        Assert.Contains("./prometheus.yml:/etc/prometheus/prometheus.yml", File.ReadAllText(ComposeFileTests.ComposePath));
    }

    [Fact]
    public void Grafana_provisioning_finds_the_dashboard_and_the_data_source_it_names()
    {
        var compose = File.ReadAllText(ComposeFileTests.ComposePath);
        Assert.Contains("./grafana/provisioning:/etc/grafana/provisioning", compose);
        Assert.Contains("./grafana/dashboards:/var/lib/grafana/dashboards", compose);
        Assert.Contains("path: /var/lib/grafana/dashboards", File.ReadAllText(Docker("grafana", "provisioning", "dashboards", "hark.yml")));
        var datasources = File.ReadAllText(Docker("grafana", "provisioning", "datasources", "prometheus.yml"));
        Assert.Contains("url: http://prometheus:9090", datasources);

        using var dashboard = JsonDocument.Parse(File.ReadAllText(Docker("grafana", "dashboards", "hark.json")));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();
        Assert.NotEmpty(panels);
        foreach (var panel in panels)
        {
            var uid = panel.GetProperty("datasource").GetProperty("uid").GetString();
            Assert.Contains($"uid: {uid}", datasources);
        }
    }

    [Fact]
    public async Task Every_metric_the_grafana_dashboard_queries_is_exported_by_a_node()
    {
        // A segment read through the front door, so the read-side instruments have recorded something.
        using (var segment = await node.Client.GetAsync($"/recordings/{NodeWithRecording.RecordingId}/segment?start=0&count=4800&format=f32"))
        {
            segment.EnsureSuccessStatusCode();
        }
        var exported = await node.Client.GetStringAsync("/metrics");
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Docker("grafana", "dashboards", "hark.json")));
        var queried = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .SelectMany(t => MetricName().Matches(t.GetProperty("expr").GetString()!).Select(m => m.Value))
            .Distinct()
            .ToList();

        Assert.True(queried.Count >= 8, string.Join(", ", queried));
        foreach (var name in queried)
        {
            Assert.True(Regex.IsMatch(exported, $"(?m)^{name}[{{ ]"), $"the dashboard queries {name}, which a node does not export");
        }
    }

    [GeneratedRegex(@"""([a-z0-9-]+:\d+)""")]
    private static partial Regex Targets();

    [GeneratedRegex(@"\bhark_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
