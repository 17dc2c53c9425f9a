namespace Hark.Fuzzing;

/// <summary>
/// One parser of outside bytes under fuzzing: real inputs to mutate, how to parse one, the error types its layer
/// documents (anything else thrown is a failure), and how many bytes one case may allocate.
/// </summary>
/// <param name="Name">The parser, as the report names it.</param>
/// <param name="Seed">Fixed per parser, so every run mutates the same way.</param>
/// <param name="Corpus">Valid inputs; cases 0..Corpus.Count-1 run them unmutated, later cases mutate them.</param>
/// <param name="Parse">Parses one input to the end; throws only documented errors, or <see cref="FuzzInvariantException"/>.</param>
/// <param name="DocumentedErrors">Exception types (or their bases) the parser's layer documents for bad input.</param>
/// <param name="AllocationBound">Bytes one case may allocate on its thread, the parser's stated bound for these inputs.</param>
/// <param name="Mutate">How a case is derived; <see cref="Mutator.Mutate"/> unless the format needs help (fixing CRCs).</param>
public sealed record FuzzTarget(
    string Name,
    int Seed,
    IReadOnlyList<byte[]> Corpus,
    Action<byte[]> Parse,
    IReadOnlyList<Type> DocumentedErrors,
    long AllocationBound,
    Func<Random, IReadOnlyList<byte[]>, byte[]>? Mutate = null)
{
    /// <summary>
    /// The seed of one case: independent of every other case, so any case replays alone. A fixed mix, not
    /// HashCode.Combine, whose results change from process to process.
    /// </summary>
    public int CaseSeed(int caseNumber) => (int)((uint)Seed * 2654435761u ^ (uint)caseNumber * 40503u) & int.MaxValue;

    /// <summary>The exact input of case <paramref name="caseNumber"/>.</summary>
    public byte[] Input(int caseNumber)
    {
        if (caseNumber < Corpus.Count)
        {
            return Corpus[caseNumber];
        }
        var random = new Random(CaseSeed(caseNumber));
        return (Mutate ?? Mutator.Mutate)(random, Corpus);
    }

    public bool IsDocumented(Exception error) => DocumentedErrors.Any(type => type.IsInstanceOfType(error));
}
