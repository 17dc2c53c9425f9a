using Hark.Media.Tools;
using Hark.Node.Configuration;

namespace Hark.Node.Tests.Configuration;

/// <summary>The variables a node holds secrets in are the ones its ffmpeg children are started without.</summary>
public sealed class SecretVariablesTests
{
    [Fact]
    public void Every_secret_a_node_reads_is_kept_from_its_children()
    {
        Assert.Contains(NodeSettingNames.AzureConnectionStringVariable, ChildEnvironment.SecretVariables);
        Assert.Contains(NodeSettingNames.ApiKeys.Variable, ChildEnvironment.SecretVariables);
    }

    [Fact]
    public void A_named_blob_account_is_kept_from_children_and_still_read_after_the_node_forgets_it()
    {
        const string named = ChildEnvironment.NamedAccountPrefix + "SECRETS_TEST";
        Environment.SetEnvironmentVariable(named, "AccountName=x;AccountKey=y");
        var start = new System.Diagnostics.ProcessStartInfo("true");
        Assert.True(start.Environment.ContainsKey(named));
        ChildEnvironment.Scrub(start);
        Assert.False(start.Environment.ContainsKey(named));

        ChildEnvironment.ForgetInThisProcess();
        Assert.Null(Environment.GetEnvironmentVariable(named));
        Assert.Equal("AccountName=x;AccountKey=y", ChildEnvironment.Read(named));
    }
}
