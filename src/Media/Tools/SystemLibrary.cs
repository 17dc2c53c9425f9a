using System.Runtime.InteropServices;

namespace Hark.Media.Tools;

/// <summary>
/// Loads a shared library the system provides: the file an environment variable names, or else the first of the
/// platform's usual names that loads. A failure is one message saying what was tried and how to fix it.
/// </summary>
internal static class SystemLibrary
{
    /// <param name="variable">e.g. HARK_LIBOPUS: a path that overrides the search.</param>
    /// <param name="names">Names to try in order, for this platform.</param>
    /// <param name="package">What to install ("libopus0").</param>
    /// <param name="fail">Makes the library's own exception from a message.</param>
    public static nint Load(string variable, string[] names, string package, Func<string, Exception> fail)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } overridden)
        {
            return NativeLibrary.TryLoad(overridden, out var handle)
                ? handle
                : throw fail($"{variable}={overridden} could not be loaded");
        }
        foreach (var name in names)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                return handle;
            }
        }
        throw fail($"{names[0].Split('.')[0]} not found (tried {string.Join(", ", names)}); install {package} or set {variable}");
    }
}
