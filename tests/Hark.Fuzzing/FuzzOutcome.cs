namespace Hark.Fuzzing;

/// <summary>How one case ended.</summary>
public enum FuzzOutcomeKind
{
    /// <summary>The parser accepted the input.</summary>
    Accepted,
    /// <summary>The parser refused it with an error its layer documents.</summary>
    DocumentedError,
    /// <summary>Any other exception, or a broken invariant: a bug.</summary>
    Unhandled,
    /// <summary>The case did not end within the hang guard.</summary>
    Hang,
    /// <summary>The case allocated more than the target's bound.</summary>
    OverAllocation,
}

/// <summary>One case's result; a failure carries what is needed to replay it.</summary>
public sealed record FuzzOutcome(string Target, int CaseNumber, int CaseSeed, FuzzOutcomeKind Kind, long AllocatedBytes, Exception? Error)
{
    public bool IsFailure => Kind is FuzzOutcomeKind.Unhandled or FuzzOutcomeKind.Hang or FuzzOutcomeKind.OverAllocation;

    public override string ToString() =>
        $"{Target} case {CaseNumber} (seed {CaseSeed}): {Kind}, {AllocatedBytes} bytes allocated" +
        (Error is null ? "" : $": {Error.GetType().Name}: {Error.Message}");
}
