using System.Buffers.Binary;
using Hark.Codec.Wav;
using Hark.Fuzzing;
using Hark.Fuzzing.Targets;

namespace Hark.Fuzz.Tests.Regressions;

/// <summary>WAV/RF64 sizes the fuzz campaign found trusted beyond the file's real length.</summary>
public sealed class WavRegressionTests(FuzzTargetsFixture fixture) : IClassFixture<FuzzTargetsFixture>
{
    [Theory]
    [InlineData(6)] // data length 300 with 272 bytes left: a data chunk cut short
    [InlineData(48)] // a chunk size past the end: MemoryStream.Seek threw ArgumentOutOfRangeException
    public void FuzzCaseEndsWithADocumentedOutcome(int caseNumber)
    {
        var outcome = new FuzzRunner().RunCase(fixture.Target(WavTarget.Name), caseNumber);
        Assert.False(outcome.IsFailure, outcome.ToString());
    }

    [Fact]
    public void ADs64DataSizeBeyondTheFileIsATruncatedFileNotALength()
    {
        var file = Rf64Stereo();
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(Rf64.DataSizeOffset), 1L << 40);
        using var wav = new WavReader(new MemoryStream(file));
        Assert.True(wav.IsTruncated);
        Assert.Equal(1L << 40, wav.DeclaredDataLength);
        Assert.Equal(400 * 4, wav.DataLength);
        Assert.Equal(400, wav.TotalFrames);
    }

    [Fact]
    public void AnOverflowingDs64SizeIsAFormatError()
    {
        var file = Rf64Stereo();
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(Rf64.DataSizeOffset), long.MinValue + 5);
        var error = Assert.Throws<WavFormatException>(() => new WavReader(new MemoryStream(file)));
        Assert.Contains("ds64", error.Message);
    }

    private static byte[] Rf64Stereo()
    {
        var plain = new MemoryStream();
        using (var writer = new WavWriter(plain, WavFormat.Pcm(44100, 2, 16), leaveOpen: true))
        {
            writer.WriteFrames(new int[400 * 2]);
        }
        return Rf64.Wrap(plain.ToArray());
    }
}
