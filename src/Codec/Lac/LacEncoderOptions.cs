namespace Hark.Codec.Lac;

/// <summary>How the encoder picks the LPC order (spec section 7; the wire does not depend on it).</summary>
public enum LacOrderSearch
{
    /// <summary>
    /// Levinson-Durbin's prediction error estimates the bits of every order 1..max at no cost; the best estimate and
    /// its neighbours are then tried for real. Fast and close to exhaustive.
    /// </summary>
    Estimated,
    /// <summary>The spec's reference search: orders 0, 2, 4, 6, 8, 10, 12, 16, 20, 24, 28, 32, stopping after two stale entries.</summary>
    Grid,
    /// <summary>Every order 1..max: the smallest frames, at several times the cost.</summary>
    Exhaustive,
}

/// <summary>Encoder tuning. None of it changes what a decoder must do: every choice is carried in the frame header.</summary>
public sealed record LacEncoderOptions
{
    /// <summary>
    /// Tuned for size at flac -5's speed: partial windows, fixed predictors, the estimated order, LPC up to order 24,
    /// partition orders up to 6 (orders 25-32, partition order 7 and the estimate's neighbours cost about a fifth of
    /// the encoding time for under 1 % of size on music).
    /// </summary>
    public static LacEncoderOptions Default { get; } = new();

    /// <summary>Faster than <see cref="Default"/>, a little larger: one window, the estimated order only.</summary>
    public static LacEncoderOptions Fast { get; } = new() { PartialWindows = false, EstimatedNeighbours = 0 };

    /// <summary>Highest LPC order tried (1-32; the wire carries up to 32).</summary>
    public int MaxPredictionOrder { get; init; } = 24;

    /// <summary>Highest Rice partition order tried (0-7, the wire's limit); the frame length may allow fewer.</summary>
    public int MaxPartitionOrder { get; init; } = 6;

    public LacOrderSearch OrderSearch { get; init; } = LacOrderSearch.Estimated;

    /// <summary>
    /// With <see cref="LacOrderSearch.Estimated"/>: how many orders either side of the estimate are tried (for the
    /// whole-frame window; the partial windows try their estimate only).
    /// </summary>
    public int EstimatedNeighbours { get; init; } = 0;

    /// <summary>Also try the FLAC-style integer predictors of spec section 7 (orders 1-4).</summary>
    public bool FixedPredictors { get; init; } = true;

    /// <summary>Also fit predictors to each half of the frame (partial windows) and keep whichever codes smallest (slower, smaller on music with onsets).</summary>
    public bool PartialWindows { get; init; } = true;

    /// <summary>Samples per channel in each block the block codec and the file writer make (1-65535; 4096 suits archives).</summary>
    public int BlockSize { get; init; } = 4096;

    /// <summary>Let the block codec pick left-side, right-side or mid-side for the first two channels when it pays.</summary>
    public bool StereoDecorrelation { get; init; } = true;

    /// <summary>
    /// Encode channels 0-1 in every stereo mode and keep the smallest pair (FLAC's exhaustive mid-side search), instead
    /// of estimating from second differences. About twice the encoding work on stereo.
    /// </summary>
    public bool ExhaustiveStereo { get; init; }

    internal void Validate()
    {
        if (MaxPredictionOrder is < 0 or > LacFrameHeader.MaxPredictionOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPredictionOrder), "must be 0-32");
        }
        if (MaxPartitionOrder is < 0 or > LacFrameHeader.MaxPartitionOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPartitionOrder), "must be 0-7");
        }
        if (BlockSize is < 1 or > LacFrameHeader.MaxFrameSampleCount)
        {
            throw new ArgumentOutOfRangeException(nameof(BlockSize), "must be 1-65535");
        }
        if (EstimatedNeighbours is < 0 or > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(EstimatedNeighbours), "must be 0-32");
        }
    }
}
