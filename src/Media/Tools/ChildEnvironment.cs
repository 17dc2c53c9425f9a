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

    /// <summary>
    /// Removes the secrets from this process's own environment, once what needs them has read them (a node after it
    /// has started): then even children Hark does not start itself inherit none, ffprobe above all, which FFMpegCore
    /// starts with no say over its environment. The process's initial environment block is not rewritten.
    /// </summary>
    public static void ForgetInThisProcess()
    {
        foreach (var name in SecretVariables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    /// <summary>Removes every secret from the environment <paramref name="start"/> will give its process.</summary>
    public static void Scrub(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        foreach (var name in SecretVariables)
        {
            start.Environment.Remove(name);
        }
    }
}
