namespace Hark.Codec.Adts;

public static class AdtsProfiles
{
    /// <summary>The 2-bit profile field read as an MPEG-4 object type (MPEG-4) or MPEG-2 AAC profile.</summary>
    public static string Name(int mpegVersion, int profile) => (mpegVersion, profile) switch
    {
        (_, 0) => "AAC Main",
        (_, 1) => "AAC LC",
        (_, 2) => "AAC SSR",
        (0, 3) => "AAC LTP",
        _ => "reserved",
    };
}
