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
}
