using System.Buffers.Binary;
using Hark.Codec.Lac;
using Hark.Fuzzing;
using Hark.Fuzzing.Targets;

namespace Hark.Fuzz.Tests.Regressions;

/// <summary>Block indices and header totals that made a tiny .lac file decode to endless silence.</summary>
public sealed class LacRegressionTests(FuzzTargetsFixture fixture) : IClassFixture<FuzzTargetsFixture>
{
    [Fact]
    public void FuzzCase1456DecodesWithinWhatItsBytesCarry()
    {
        // 146 bytes decoded to more than 10240 samples per channel: an index jump taken as thousands of lost blocks.
        var outcome = new FuzzRunner().RunCase(fixture.Target(LacContainerTarget.Name), 1456);
        Assert.False(outcome.IsFailure, outcome.ToString());
    }

    [Fact]
    public void AnIndexJumpTheFileCannotHoldIsAnErrorNamingTheOffset()
    {
        // A file written to a pipe (no total), its second block's index set to 2^32 - 1: once 2^32 blocks of silence.
        var file = TwoBlocks(total: LacFileHeader.UnknownTotalSamples);
        int second = SecondRecordOffset(file);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(second + 2), uint.MaxValue);
        file = RepairRecordCrc(file, second);
        var error = Assert.Throws<LacContainerException>(() => ReadAll(file));
        Assert.Contains($"at byte {second}", error.Message);
    }

    [Fact]
    public void AHeaderTotalFarBeyondTheBlocksIsReportedNotPadded()
    {
        var file = TwoBlocks(total: 1UL << 62);
        var (samples, reader) = ReadAll(file);
        Assert.Equal(2 * 64, samples);
        Assert.Contains(reader.Damage, d => d.Rejection == LacRejection.Truncated && d.Reason.Contains("not padded"));
    }

    private static (long Samples, LacFileReader Reader) ReadAll(byte[] file)
    {
        var reader = new LacFileReader(new MemoryStream(file));
        var block = new int[reader.Header.BlockSize * reader.Header.Channels];
        long samples = 0;
        int read;
        while ((read = reader.ReadBlock(block)) > 0)
        {
            samples += read;
        }
        return (samples, reader);
    }

    /// <summary>Two 64-sample mono blocks; the header's total replaced (its CRC fixed).</summary>
    private static byte[] TwoBlocks(ulong total)
    {
        var output = new MemoryStream();
        using (var writer = new LacFileWriter(output, 8000, 1, 16, LacEncoderOptions.Fast with { BlockSize = 64 }, leaveOpen: true))
        {
            writer.Write(Enumerable.Range(0, 128).Select(i => i * 100 % 3000).ToArray());
        }
        var file = output.ToArray();
        BinaryPrimitives.WriteUInt64BigEndian(file.AsSpan(12), total);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(24), LacCrc32.Compute(file.AsSpan(0, 24)));
        return file;
    }

    private static int SecondRecordOffset(byte[] file) =>
        LacFileHeader.Length + LacBlockRecord.Overhead + (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(LacFileHeader.Length + 6));

    private static byte[] RepairRecordCrc(byte[] file, int at)
    {
        int length = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 6));
        var record = file.AsSpan(at, LacBlockRecord.PrefixLength + length);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(at + record.Length), LacBlockRecord.ComputeCrc(record, record.Slice(LacBlockRecord.PrefixLength)));
        return file;
    }
}
