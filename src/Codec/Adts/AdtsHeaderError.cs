namespace Hark.Codec.Adts;

/// <summary>Why bytes are not a valid ADTS header.</summary>
public enum AdtsHeaderError
{
    None,
    /// <summary>Fewer bytes than the header needs (7, or 9 with CRC).</summary>
    TooShort,
    /// <summary>The first 12 bits are not 0xFFF.</summary>
    BadSyncword,
    /// <summary>Layer is not 00.</summary>
    ReservedLayer,
    /// <summary>Sampling frequency index 13 or 14 (reserved) or 15 (explicit rate, forbidden in ADTS).</summary>
    InvalidSamplingFrequencyIndex,
    /// <summary>frame_length is smaller than the header it includes.</summary>
    FrameLengthShorterThanHeader,
}

public static class AdtsHeaderErrorText
{
    public static string Describe(this AdtsHeaderError error) => error switch
    {
        AdtsHeaderError.None => "valid",
        AdtsHeaderError.TooShort => "too few bytes for an ADTS header",
        AdtsHeaderError.BadSyncword => "bad syncword (expected 0xFFF)",
        AdtsHeaderError.ReservedLayer => "reserved layer (must be 0)",
        AdtsHeaderError.InvalidSamplingFrequencyIndex => "invalid sampling frequency index (13-15 are not allowed)",
        AdtsHeaderError.FrameLengthShorterThanHeader => "frame length shorter than the header",
        _ => error.ToString(),
    };
}

public sealed class AdtsFormatException(AdtsHeaderError error)
    : FormatException($"Invalid ADTS header: {error.Describe()}.")
{
    public AdtsHeaderError Error { get; } = error;
}
