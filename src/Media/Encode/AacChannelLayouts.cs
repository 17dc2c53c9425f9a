namespace Hark.Media.Encode;

/// <summary>
/// The ffmpeg layout for each channel count AAC-LC carries without a program config element. Interleaved PCM
/// is in ffmpeg's order for that layout (5.1: FL FR FC LFE BL BR), which is also the order libavcodec decodes to.
/// </summary>
public static class AacChannelLayouts
{
    private static readonly string[] Layouts = ["mono", "stereo", "3.0", "4.0", "5.0", "5.1"];

    public static bool IsSupported(int channels) => channels is >= 1 and <= 6;

    public static string ForChannels(int channels) =>
        IsSupported(channels) ? Layouts[channels - 1] : throw new ArgumentOutOfRangeException(nameof(channels), channels, "1 to 6 channels");
}
