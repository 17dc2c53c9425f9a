using Hark.Media.Tools;

namespace Hark.Media.Tests;

/// <summary>
/// A child started the way ffmpeg is started (<see cref="ChildProcess"/>) does not inherit Hark's secrets, and
/// inherits everything else. The child is a real one: <c>env</c>, which prints the environment it was given.
/// </summary>
public sealed class ChildEnvironmentTests
{
    private const string Marker = "HARK_CHILD_ENVIRONMENT_TEST";

    [Fact]
    public async Task A_child_gets_the_environment_without_the_secrets()
    {
        var names = ChildEnvironment.SecretVariables.Append(Marker).ToArray();
        try
        {
            foreach (var name in names)
            {
                Environment.SetEnvironmentVariable(name, $"value-of-{name}");
            }
            using var child = ChildProcess.Start("env", [], redirectInput: false);
            var printed = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();

            var lines = printed.Split('\n');
            Assert.Contains($"{Marker}=value-of-{Marker}", lines);
            foreach (var secret in ChildEnvironment.SecretVariables)
            {
                Assert.DoesNotContain(lines, line => line.StartsWith($"{secret}=", StringComparison.Ordinal));
            }
        }
        finally
        {
            foreach (var name in names)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }
}
