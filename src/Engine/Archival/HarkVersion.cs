using System.Reflection;

namespace Hark.Engine.Archival;

/// <summary>The running Hark's version, as the assembly states it (without a build's source-revision suffix).</summary>
public static class HarkVersion
{
    public static string Text { get; } =
        (typeof(HarkVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];
}
