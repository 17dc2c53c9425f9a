using Hark.Actors.Contracts;
using Hark.Node.Configuration;
using Hark.Testing;

namespace Hark.Node.Tests.Configuration;

/// <summary>HARK_API_KEYS and api_keys: scope:key entries or @FILE, and refusals that name the source but never a key.</summary>
public sealed class ApiKeyListTests
{
    private static NodeOptions FromVariable(string value) =>
        NodeOptionsReader.Read(null, name => name == "HARK_API_KEYS" ? value : null);

    [Fact]
    public void Entries_are_scope_and_key()
    {
        var keys = FromVariable("write:s3cret, read:0pen").ApiKeys;
        Assert.Equal([new ApiKey(ApiScope.Write, "s3cret"), new ApiKey(ApiScope.Read, "0pen")], keys);
    }

    [Fact]
    public void A_key_may_hold_colons_after_its_scope()
    {
        Assert.Equal("a:b:c", Assert.Single(FromVariable("READ:a:b:c").ApiKeys).Secret);
    }

    [Fact]
    public void At_file_names_a_file_of_entries_with_comments_and_blank_lines()
    {
        using var folder = new TempDirectory();
        var file = folder.File("keys");
        File.WriteAllText(file, "# the operators\nwrite:from-file-1\n\n   # readers\nread:from-file-2\n");
        var keys = FromVariable($"@{file}").ApiKeys;
        Assert.Equal([new ApiKey(ApiScope.Write, "from-file-1"), new ApiKey(ApiScope.Read, "from-file-2")], keys);
    }

    [Fact]
    public void A_config_file_takes_a_list_or_a_string()
    {
        using var folder = new TempDirectory();
        var config = folder.File("node.json");
        File.WriteAllText(config, """{ "api_keys": ["write:json-1", "read:json-2"], "insecure": true, "import_roots": ["/srv/a,b", "/srv/c"] }""");
        var options = NodeOptionsReader.Read(config, _ => null);
        Assert.Equal(["json-1", "json-2"], options.ApiKeys.Select(k => k.Secret));
        Assert.True(options.Insecure);
        Assert.Equal(["/srv/a,b", "/srv/c"], options.ImportRoots);
    }

    [Theory]
    [InlineData("write:fine-key,s3cret-typo", "entry 2 is not scope:key")]
    [InlineData("admin:s3cret-typo", "entry 1 is not scope:key")]
    [InlineData("write:", "entry 1 is not scope:key")]
    [InlineData("write:s3cret typo", "entry 1 is not scope:key")]
    [InlineData("write:s3cret-typo,read:s3cret-typo", "entry 2 repeats a key")]
    [InlineData(",", "entry 1 is not scope:key")]
    public void A_malformed_entry_is_refused_by_place_without_echoing_it(string value, string message)
    {
        var error = Assert.Throws<NodeConfigurationException>(() => FromVariable(value));
        Assert.StartsWith("HARK_API_KEYS: ", error.Message);
        Assert.Contains(message, error.Message);
        Assert.DoesNotContain("s3cret", error.Message);
        Assert.DoesNotContain("fine-key", error.Message);
    }

    [Fact]
    public void A_malformed_line_of_a_key_file_is_refused_by_line()
    {
        using var folder = new TempDirectory();
        var file = folder.File("keys");
        File.WriteAllText(file, "write:good-one\n# comment\nreader:s3cret\n");
        var error = Assert.Throws<NodeConfigurationException>(() => FromVariable($"@{file}"));
        Assert.Equal($"HARK_API_KEYS: {file}: line 3 is not scope:key (scope read or write)", error.Message);
    }

    [Fact]
    public void A_missing_key_file_is_refused()
    {
        var error = Assert.Throws<NodeConfigurationException>(() => FromVariable("@/no/such/keys"));
        Assert.Contains("HARK_API_KEYS: the key file /no/such/keys cannot be read", error.Message);
    }

    [Fact]
    public void Options_print_no_key()
    {
        var options = FromVariable("write:s3cret-printed");
        Assert.DoesNotContain("s3cret", options.ToString());
        Assert.Equal("write key", Assert.Single(options.ApiKeys).ToString());
    }

    [Theory]
    [InlineData("HARK_INSECURE", "maybe", "is not 1 or 0")]
    [InlineData("HARK_IMPORT_ROOTS", "relative/folder", "is not an absolute path")]
    public void Unusable_security_settings_are_refused(string variable, string value, string message)
    {
        var error = Assert.Throws<NodeConfigurationException>(() => NodeOptionsReader.Read(null, name => name == variable ? value : null));
        Assert.StartsWith($"{variable}: ", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Import_roots_are_separated_by_colons()
    {
        var options = NodeOptionsReader.Read(null, name => name == "HARK_IMPORT_ROOTS" ? "/srv/a:/srv/b" : null);
        Assert.Equal(["/srv/a", "/srv/b"], options.ImportRoots);
    }
}
