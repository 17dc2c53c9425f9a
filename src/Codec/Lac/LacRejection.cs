namespace Hark.Codec.Lac;

/// <summary>
/// The ten rejection classes of the LAC wire format (spec section 6), numbered as the spec numbers them
/// so telemetry can report the class number.
/// </summary>
public enum LacRejection
{
    /// <summary>Not a rejection: the frame decoded.</summary>
    None = 0,
    /// <summary>Class 1: bytes 0-1 are not 0x1ACC.</summary>
    SyncWordMismatch = 1,
    /// <summary>Class 2: prediction_order above 32.</summary>
    PredictionOrderOutOfRange = 2,
    /// <summary>Class 3: partition_order above 7.</summary>
    PartitionOrderOutOfRange = 3,
    /// <summary>Class 4: coefficient_shift above 5.</summary>
    CoefficientShiftOutOfRange = 4,
    /// <summary>Class 5: prediction_order 0 (verbatim) with a non-zero coefficient_shift.</summary>
    VerbatimWithShift = 5,
    /// <summary>Class 6: frame_sample_count is 0.</summary>
    ZeroSampleCount = 6,
    /// <summary>Class 7: frame_sample_count is not a multiple of 1 &lt;&lt; partition_order.</summary>
    SampleCountNotDivisible = 7,
    /// <summary>Class 8: the buffer ends before the header, the coefficients or the Rice bitstream does.</summary>
    Truncated = 8,
    /// <summary>Class 9: a partition's Rice parameter k is above 23.</summary>
    RiceParameterOutOfRange = 9,
    /// <summary>Class 10: a codeword's unary run q exceeds u32::MAX &gt;&gt; k.</summary>
    UnaryRunTooLong = 10,
}

public static class LacRejectionText
{
    /// <summary>True for classes 8-10, which happen after the header parsed, so the frame's sample count is known.</summary>
    public static bool IsPostHeader(this LacRejection rejection) =>
        rejection is LacRejection.Truncated or LacRejection.RiceParameterOutOfRange or LacRejection.UnaryRunTooLong;

    public static string Describe(this LacRejection rejection) => rejection switch
    {
        LacRejection.None => "valid",
        LacRejection.SyncWordMismatch => "sync word mismatch (expected 0x1ACC)",
        LacRejection.PredictionOrderOutOfRange => "prediction_order out of range (max 32)",
        LacRejection.PartitionOrderOutOfRange => "partition_order out of range (max 7)",
        LacRejection.CoefficientShiftOutOfRange => "coefficient_shift out of range (max 5)",
        LacRejection.VerbatimWithShift => "verbatim frame (prediction_order 0) with a non-zero coefficient_shift",
        LacRejection.ZeroSampleCount => "frame_sample_count is 0",
        LacRejection.SampleCountNotDivisible => "frame_sample_count not divisible by the partition count",
        LacRejection.Truncated => "buffer truncated",
        LacRejection.RiceParameterOutOfRange => "Rice parameter k out of range (max 23)",
        LacRejection.UnaryRunTooLong => "unary run exceeds u32::MAX >> k",
        _ => rejection.ToString(),
    };

    /// <summary>The spec's class number (1-10); 0 for <see cref="LacRejection.None"/>.</summary>
    public static int ClassNumber(this LacRejection rejection) => (int)rejection;
}

/// <summary>A LAC frame (or a block or file built of them) that the decoder must reject.</summary>
public sealed class LacFormatException : FormatException
{
    public LacFormatException(LacRejection rejection, string? context = null)
        : base($"Invalid LAC {context ?? "frame"}: {rejection.Describe()} (rejection class {(int)rejection}).")
    {
        Rejection = rejection;
    }

    public LacRejection Rejection { get; }
}
