using Hark.Node.Configuration;
using Hark.Testing;

namespace Hark.Node.Tests.Configuration;

public sealed class NodeOptionsReaderTests
{
    private static string ConfigFile(string name) => Path.Combine(RepoPaths.Root, "config", name);

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData("all-in-one.json", "api,importer,reader")]
    [InlineData("api.json", "api")]
    [InlineData("importer.json", "importer")]
    [InlineData("reader.json", "reader")]
    public void Every_shipped_config_file_reads(string file, string roles)
    {
        var options = NodeOptionsReader.Read(ConfigFile(file), Environment());
        Assert.Equal(roles.Split(','), options.Roles);
        Assert.Equal(8080, options.HttpPort);
        Assert.Equal(4053, options.AkkaPort);
        Assert.Equal("hark", options.ClusterName);
    }

    [Fact]
    public void A_file_sets_every_field()
    {
        var options = NodeOptionsReader.Read(ConfigFile("importer.json"), Environment());
        Assert.Equal("az://hark", options.Archive);
        Assert.Equal("importer1", options.Hostname);
        Assert.Equal(["api1:4053"], options.Seeds);
        Assert.Equal(4, options.ImportWorkers);
    }

    [Fact]
    public void Environment_wins_over_the_file()
    {
        var options = NodeOptionsReader.Read(ConfigFile("importer.json"), Environment(
            ("HARK_ARCHIVE", "/data/archive"), ("HARK_HOSTNAME", "node7"), ("HARK_AKKA_PORT", "5000"), ("HARK_HTTP_PORT", "9000"),
            ("HARK_SEEDS", "node1:4053, node2:4053"), ("HARK_ROLES", "reader,api"), ("HARK_IMPORT_WORKERS", "3"),
            ("HARK_CLUSTER_NAME", "test")));
        Assert.Equal("/data/archive", options.Archive);
        Assert.Equal("node7", options.Hostname);
        Assert.Equal(5000, options.AkkaPort);
        Assert.Equal(9000, options.HttpPort);
        Assert.Equal(["node1:4053", "node2:4053"], options.Seeds);
        Assert.Equal(["reader", "api"], options.Roles);
        Assert.Equal(3, options.ImportWorkers);
        Assert.Equal("test", options.ClusterName);
    }

    [Fact]
    public void The_downing_time_is_a_setting_and_unset_leaves_the_cluster_default()
    {
        Assert.Equal(12, NodeOptionsReader.Read(null, Environment(("HARK_DOWNING_STABLE_AFTER_SECONDS", "12"))).DowningStableAfterSeconds);
        Assert.Null(NodeOptionsReader.Read(null, Environment()).DowningStableAfterSeconds);
        Assert.Equal(300, NodeOptionsReader.Read(null, Environment(("HARK_STORAGE_OUTAGE_SECONDS", "300"))).StorageOutageSeconds);
        Assert.Equal(3, NodeOptionsReader.Read(null, Environment(("HARK_MAX_CONCURRENT_READS", "3"))).MaxConcurrentReads);
        Assert.Equal(4 * System.Environment.ProcessorCount, NodeOptionsReader.Read(null, Environment()).MaxConcurrentReads);
        var refused = Assert.Throws<NodeConfigurationException>(() =>
            NodeOptionsReader.Read(null, Environment(("HARK_DOWNING_STABLE_AFTER_SECONDS", "-1"))));
        Assert.Contains("HARK_DOWNING_STABLE_AFTER_SECONDS", refused.Message);
    }

    [Fact]
    public void HARK_CONFIG_names_the_file_and_empty_variables_are_unset()
    {
        var options = NodeOptionsReader.Read(null, Environment(("HARK_CONFIG", ConfigFile("reader.json")), ("HARK_HTTP_PORT", "")));
        Assert.Equal(["reader"], options.Roles);
        Assert.Equal(8080, options.HttpPort);
    }

    [Fact]
    public void Without_file_or_variables_the_defaults_stand()
    {
        var options = NodeOptionsReader.Read(null, Environment());
        Assert.Equal(new Hark.Actors.Contracts.NodeOptions() with { Roles = options.Roles, Seeds = options.Seeds }, options);
        Assert.Equal(["api", "importer", "reader"], options.Roles);
        Assert.Empty(options.Seeds);
    }

    [Theory]
    [InlineData("HARK_HTTP_PORT", "80a", "HARK_HTTP_PORT")]
    [InlineData("HARK_AKKA_PORT", "70000", "HARK_AKKA_PORT")]
    [InlineData("HARK_IMPORT_WORKERS", "0", "HARK_IMPORT_WORKERS")]
    [InlineData("HARK_ROLES", "api,writer", "writer")]
    [InlineData("HARK_ROLES", ",", "at least one role")]
    [InlineData("HARK_SEEDS", "node1", "node1")]
    [InlineData("HARK_SEEDS", "node1:x", "node1:x")]
    public void Unusable_variables_are_refused_by_name(string variable, string value, string mentioned)
    {
        var error = Assert.Throws<NodeConfigurationException>(() => NodeOptionsReader.Read(null, Environment((variable, value))));
        Assert.Contains(mentioned, error.Message);
    }

    [Fact]
    public void Unknown_file_keys_are_refused()
    {
        using var folder = new TempDirectory();
        var file = folder.File("typo.json");
        File.WriteAllText(file, "{ // a comment\n \"http_prot\": 1, }");
        var error = Assert.Throws<NodeConfigurationException>(() => NodeOptionsReader.Read(file, Environment()));
        Assert.Contains("http_prot", error.Message);
        Assert.Throws<NodeConfigurationException>(() => NodeOptionsReader.Read(folder.File("absent.json"), Environment()));
    }

    [Fact]
    public void Every_variable_the_reader_knows_is_documented_in_config_readme()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "config", "README.md"));
        foreach (var variable in NodeSettingNames.Variables)
        {
            Assert.Contains($"`{variable}`", readme);
        }
    }
}
