namespace Hark.Fuzzing;

/// <summary>
/// Runs a target's cases one at a time, each on its own task under a hang guard. Allocation is measured on the
/// case's thread (the parsers are synchronous), so other work on the machine does not count against a case.
/// </summary>
public sealed class FuzzRunner(TimeSpan hangGuard)
{
    /// <summary>Generous on purpose: it tells a parser stuck in a loop from a slow machine, it times nothing.</summary>
    public static readonly TimeSpan DefaultHangGuard = TimeSpan.FromSeconds(30);

    private const int KeptFailures = 20;

    public FuzzRunner() : this(DefaultHangGuard)
    {
    }

    public FuzzReport Run(FuzzTarget target, int cases)
    {
        int accepted = 0, documented = 0, unhandled = 0, hangs = 0, over = 0;
        long maxAllocated = 0;
        var failures = new List<FuzzOutcome>();
        for (int i = 0; i < cases; i++)
        {
            var outcome = RunCase(target, i);
            maxAllocated = Math.Max(maxAllocated, outcome.AllocatedBytes);
            switch (outcome.Kind)
            {
                case FuzzOutcomeKind.Accepted: accepted++; break;
                case FuzzOutcomeKind.DocumentedError: documented++; break;
                case FuzzOutcomeKind.Unhandled: unhandled++; break;
                case FuzzOutcomeKind.Hang: hangs++; break;
                default: over++; break;
            }
            if (outcome.IsFailure && failures.Count < KeptFailures)
            {
                failures.Add(outcome);
            }
        }
        return new FuzzReport(target.Name, target.Seed, cases, accepted, documented, unhandled, hangs, over, maxAllocated,
            target.AllocationBound, failures);
    }

    /// <summary>Runs one case; also the way to replay a failure reported with its case number.</summary>
    public FuzzOutcome RunCase(FuzzTarget target, int caseNumber)
    {
        var input = target.Input(caseNumber);
        int seed = target.CaseSeed(caseNumber);
        var run = Task.Run(() => Measure(target, input));
        if (!run.Wait(hangGuard))
        {
            // The stuck task cannot be stopped; it is reported and left behind.
            return new FuzzOutcome(target.Name, caseNumber, seed, FuzzOutcomeKind.Hang, 0, null);
        }
        var (allocated, error) = run.Result;
        var kind = error switch
        {
            null when allocated > target.AllocationBound => FuzzOutcomeKind.OverAllocation,
            null => FuzzOutcomeKind.Accepted,
            FuzzInvariantException => FuzzOutcomeKind.Unhandled,
            _ when !target.IsDocumented(error) => FuzzOutcomeKind.Unhandled,
            _ when allocated > target.AllocationBound => FuzzOutcomeKind.OverAllocation,
            _ => FuzzOutcomeKind.DocumentedError,
        };
        return new FuzzOutcome(target.Name, caseNumber, seed, kind, allocated, error);
    }

    private static (long Allocated, Exception? Error) Measure(FuzzTarget target, byte[] input)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        Exception? error = null;
        try
        {
            target.Parse(input);
        }
        catch (Exception e)
        {
            error = e;
        }
        return (GC.GetAllocatedBytesForCurrentThread() - before, error);
    }
}
