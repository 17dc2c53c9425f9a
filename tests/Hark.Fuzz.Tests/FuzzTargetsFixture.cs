using Hark.Fuzzing;

namespace Hark.Fuzz.Tests;

/// <summary>The targets, built once: the ADTS corpus is encoded by ffmpeg.</summary>
public sealed class FuzzTargetsFixture
{
    public IReadOnlyList<FuzzTarget> All { get; } = FuzzTargets.AllAsync().GetAwaiter().GetResult();

    public FuzzTarget Target(string name) => All.Single(t => t.Name == name);
}
