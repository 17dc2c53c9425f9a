namespace Hark.Testing.Load;

/// <summary>One length of read in the mix, and how often it is drawn relative to the others.</summary>
public sealed record ReadLength(string Name, int Seconds, int Weight)
{
    /// <summary>Mostly short reads, a few long ones: a listener seeking around, an analysis job pulling stretches.</summary>
    public static IReadOnlyList<ReadLength> Mix { get; } = [new("1 s", 1, 6), new("10 s", 10, 3), new("5 min", 300, 1)];

    public static ReadLength Pick(Random random)
    {
        int draw = random.Next(Mix.Sum(length => length.Weight));
        foreach (var length in Mix)
        {
            if ((draw -= length.Weight) < 0)
            {
                return length;
            }
        }
        throw new InvalidOperationException("unreachable: the draw is below the weights' sum");
    }
}
