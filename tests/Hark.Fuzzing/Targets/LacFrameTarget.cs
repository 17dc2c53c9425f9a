using Hark.Codec.Lac;

namespace Hark.Fuzzing.Targets;

/// <summary>
/// One LAC frame (<see cref="LacFrameDecoder"/>) and the same bytes as a block (<see cref="LacBlockCodec"/>).
/// Documented errors: <see cref="LacFormatException"/>, <see cref="LacContainerException"/> (block structure).
/// </summary>
public static class LacFrameTarget
{
    public const string Name = "lac-frame";

    public static FuzzTarget Create() => new(Name, 0x1ACC, LacCorpus.Frames(), Parse,
        [typeof(LacFormatException), typeof(LacContainerException)], AllocationBound: 2 << 20);

    private static readonly ThreadLocal<int[]> Output = new(() => new int[LacFrameHeader.MaxFrameSampleCount * 2]);

    private static void Parse(byte[] input)
    {
        var output = Output.Value!;
        LacFrameDecoder.TryDecode(input, output, out _, out _);
        var codec = new LacBlockCodec();
        codec.TryDecodeBlock(input, 1, output, out _, out _);
        codec.TryDecodeBlock(input, 2, output, out _, out _);
    }
}
