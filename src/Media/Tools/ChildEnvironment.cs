using System.Collections.Concurrent;
using System.Diagnostics;

namespace Hark.Media.Tools;

/// <summary>
/// The secrets a Hark process may hold in its environment, which a child (ffmpeg, ffprobe) has no use for: a child
/// started with them inherits them, and a crash report, a core dump or <c>/proc/PID/environ</c> of a tool that reads
/// untrusted media would then carry the archive's storage key and the API keys.
/// </summary>
public static class ChildEnvironment
{
    /// <summary>The storage connection string (Hark.Storage's BlobStoreLocation), the node's keys, the CLI's key, the
    /// password of the cluster's TLS certificate.</summary>
    public static IReadOnlyList<string> SecretVariables { get; } =
        ["HARK_AZURE_STORAGE_CONNECTION_STRING", "HARK_API_KEYS", "HARK_API_KEY", "HARK_TLS_CERT_PASSWORD"];

    /// <summary>Named storage accounts for blob sources: <c>HARK_AZURE_STORAGE_CONNECTION_STRING_NAME</c>, secrets too.</summary>
    public const string NamedAccountPrefix = "HARK_AZURE_STORAGE_CONNECTION_STRING_";

    private static readonly ConcurrentDictionary<string, string> Forgotten = new(StringComparer.Ordinal);

    /// <summary>A variable as this process's own code may still read it: from the environment, or as it was before
    /// <see cref="ForgetInThisProcess"/> took it out (a blob source's account is opened long after a node starts).</summary>
    public static string? Read(string name) =>
        Environment.GetEnvironmentVariable(name) ?? (Forgotten.TryGetValue(name, out var value) ? value : null);

    private static bool IsSecret(string name) => SecretVariables.Contains(name) || name.StartsWith(NamedAccountPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Removes the secrets from this process's own environment, once what needs them has read them (a node after it
    /// has started): then even children Hark does not start itself inherit none, ffprobe above all, which FFMpegCore
    /// starts with no say over its environment. The process's initial environment block is not rewritten.
    /// </summary>
    public static void ForgetInThisProcess()
    {
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(IsSecret).ToList())
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                Forgotten[name] = value;
            }
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    /// <summary>Removes every secret from the environment <paramref name="start"/> will give its process.</summary>
    public static void Scrub(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        foreach (var name in start.Environment.Keys.Where(IsSecret).ToList())
        {
            start.Environment.Remove(name);
        }
    }
}
