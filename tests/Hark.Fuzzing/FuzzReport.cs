namespace Hark.Fuzzing;

/// <summary>A campaign's figures for one target, and its failures (the first 20) for replay.</summary>
public sealed record FuzzReport(string Target, int Seed, int Cases, int Accepted, int DocumentedErrors, int Unhandled, int Hangs,
    int OverAllocations, long MaxAllocatedBytes, long AllocationBound, IReadOnlyList<FuzzOutcome> Failures)
{
    public bool Passed => Unhandled == 0 && Hangs == 0 && OverAllocations == 0;
}
