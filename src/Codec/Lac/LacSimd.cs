using System.Runtime.Intrinsics;

namespace Hark.Codec.Lac;

/// <summary>
/// Whether the codec's Vector256 paths run. They do where the hardware accelerates them (AVX2 on x64); elsewhere the
/// scalar paths run, which compute the very same values: integer code is exact either way, and the one floating-point
/// loop (the autocorrelation) sums in the same order in both. Tests force the scalar paths on their own thread.
/// </summary>
/// <remarks>
/// The hot loops of the codec are marked AggressiveOptimization: a one-shot <c>hark lac encode</c> runs for a second
/// or two, too short for tiered compilation to pay back its unoptimised first tier and on-stack replacement.
/// </remarks>
internal static class LacSimd
{
    [ThreadStatic]
    private static bool t_scalarOnly;

    public static bool Enabled => Vector256.IsHardwareAccelerated && !t_scalarOnly;

    /// <summary>Runs the scalar paths on this thread until the result is disposed.</summary>
    public static IDisposable ScalarOnly()
    {
        bool previous = t_scalarOnly;
        t_scalarOnly = true;
        return new Restore(previous);
    }

    private sealed class Restore(bool previous) : IDisposable
    {
        public void Dispose() => t_scalarOnly = previous;
    }
}
