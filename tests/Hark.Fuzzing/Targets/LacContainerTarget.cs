using Hark.Codec.Lac;

namespace Hark.Fuzzing.Targets;

/// <summary>
/// The .lac container (<see cref="LacFileReader"/>, lenient and strict, and <see cref="LacFileSummary"/>), read to the
/// end. Documented errors: <see cref="LacContainerException"/> and <see cref="LacFormatException"/>. The output must
/// stay within what the file's bytes can carry: no record of 16 bytes or more stands for more than one block.
/// </summary>
public static class LacContainerTarget
{
    public const string Name = "lac-container";

    public static FuzzTarget Create() => new(Name, 0x484C_4143, LacCorpus.Files(), Parse,
        [typeof(LacContainerException), typeof(LacFormatException)], AllocationBound: 8 << 20, LacCrcRepair.MutateAndRepair);

    private static void Parse(byte[] input)
    {
        LacFileSummary.Inspect(new MemoryStream(input, writable: false));
        ReadAll(input, strict: false);
        ReadAll(input, strict: true);
    }

    private static void ReadAll(byte[] input, bool strict)
    {
        using var reader = new LacFileReader(new MemoryStream(input, writable: false), strict: strict);
        var block = new int[reader.Header.BlockSize * reader.Header.Channels];
        long samples = 0;
        // Every block present takes at least a record's overhead; the end of a truncated file may be padded by at most
        // as much again as was read, or a minute.
        long present = (input.Length / LacBlockRecord.Overhead + 1) * (long)reader.Header.BlockSize;
        long bound = present + Math.Max(present, 60L * reader.Header.SampleRate);
        int read;
        while ((read = reader.ReadBlock(block)) > 0)
        {
            samples += read;
            if (samples > bound)
            {
                throw new FuzzInvariantException($"{input.Length} bytes decode to more than {bound} samples per channel");
            }
        }
    }
}
