using Hark.Node.Configuration;
using Hark.Testing;

namespace Hark.Node.Tests.Docker;

/// <summary>docker/docker-compose.yml (Docker does not run here) checked against what a node understands.</summary>
public sealed class ComposeFileTests
{
    public static string ComposePath => Path.Combine(RepoPaths.Root, "docker", "docker-compose.yml");

    public static readonly string[] Nodes = ["node1", "node2", "node3"];

    [Fact]
    public void Every_HARK_variable_the_compose_file_sets_is_one_a_node_reads()
    {
        var environments = ComposeFile.ReadEnvironments(ComposePath);
        Assert.Equal(Nodes, environments.Keys.Where(k => k.StartsWith("node", StringComparison.Ordinal)).Order());
        foreach (var (service, environment) in environments)
        {
            foreach (var name in environment.Keys.Where(k => k.StartsWith("HARK_", StringComparison.Ordinal)))
            {
                Assert.True(NodeSettingNames.Variables.Contains(name), $"{service} sets {name}, which no node reads");
            }
        }
    }

    [Fact]
    public void Each_node_environment_reads_into_the_options_it_means()
    {
        var environments = ComposeFile.ReadEnvironments(ComposePath);
        foreach (var node in Nodes)
        {
            var environment = environments[node];
            var options = NodeOptionsReader.Read(null, name => environment.GetValueOrDefault(name));
            Assert.Equal(node, options.Hostname);
            Assert.Equal("az://hark", options.Archive);
            Assert.Equal(8080, options.HttpPort);
            Assert.Equal(4053, options.AkkaPort);
            Assert.Equal(["node1:4053"], options.Seeds);
            Assert.Contains("reader", options.Roles);
            Assert.Contains("BlobEndpoint=http://azurite:10000/", environment[NodeSettingNames.AzureConnectionStringVariable]);
            Assert.Equal("http://otel-collector:4317", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            // Every node serves all interfaces in compose, which a node does only with keys.
            Assert.Contains(options.ApiKeys, key => key.Scope == Hark.Actors.Contracts.ApiScope.Write);
            Assert.Equal(["/recordings"], options.ImportRoots);
        }
        Assert.Equal(["api", "importer", "reader"], NodeOptionsReader.Read(null, name => environments["node1"].GetValueOrDefault(name)).Roles);
    }

    [Fact]
    public void The_collector_config_the_compose_file_mounts_exists_and_receives_otlp()
    {
        var config = File.ReadAllText(Path.Combine(RepoPaths.Root, "docker", "otel-collector.yaml"));
        Assert.Contains("otlp:", config);
        Assert.Contains("0.0.0.0:4317", config);
        Assert.Contains("./otel-collector.yaml:/etc/otelcol/config.yaml", File.ReadAllText(ComposePath));
    }

    [Fact]
    public void The_reader_handles_the_yaml_forms_it_claims()
    {
        using var folder = new TempDirectory();
        var file = folder.File("compose.yml");
        File.WriteAllText(file, """
            # comment
            services:
              a:
                image: x   # trailing comment
                environment:
                  PLAIN: value
                  QUOTED: "a # not a comment"
                  SINGLE: 'x: y'
                ports:
                  - "1:1"
              b:
                environment:
                  - LISTED=1=2
            volumes:
              data: {}
            """);
        var environments = ComposeFile.ReadEnvironments(file);
        Assert.Equal("value", environments["a"]["PLAIN"]);
        Assert.Equal("a # not a comment", environments["a"]["QUOTED"]);
        Assert.Equal("x: y", environments["a"]["SINGLE"]);
        Assert.Equal(3, environments["a"].Count);
        Assert.Equal("1=2", environments["b"]["LISTED"]);
    }
}
