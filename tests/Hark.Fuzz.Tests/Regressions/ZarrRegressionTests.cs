using System.Text;
using Hark.Fuzzing;
using Hark.Fuzzing.Targets;
using Hark.Storage.Zarr;

namespace Hark.Fuzz.Tests.Regressions;

/// <summary>zarr.json documents and zstd chunks that escaped the storage layer's error type or its size bounds.</summary>
public sealed class ZarrRegressionTests(FuzzTargetsFixture fixture) : IClassFixture<FuzzTargetsFixture>
{
    [Theory]
    [InlineData(84)] // a repeated "shape" key: ArgumentException from JsonObject
    [InlineData(286)] // invalid UTF-8 inside a string: InvalidOperationException on first read
    [InlineData(3891)] // "shape": [null]: NullReferenceException
    public void FuzzCaseIsAZarrFormatError(int caseNumber)
    {
        var outcome = new FuzzRunner().RunCase(fixture.Target(ZarrMetadataTarget.Name), caseNumber);
        Assert.False(outcome.IsFailure, outcome.ToString());
        Assert.IsType<ZarrFormatException>(outcome.Error);
    }

    [Theory]
    [InlineData("9223372036854775807", "65536")]
    [InlineData("100", "134217729")]
    public void ShapesThatOverflowOrChunksTooLargeToAllocateAreRefused(string shape, string chunk)
    {
        var json = Encoding.UTF8.GetString(ZarrSamples.FrameSizes.ToJsonBytes())
            .Replace("155039", shape).Replace("65536", chunk);
        Assert.Throws<ZarrFormatException>(() => ZarrArrayMetadata.Parse(Encoding.UTF8.GetBytes(json), "x/zarr.json"));
    }

    [Fact]
    public void AZstdFrameDeclaringMoreThanTheChunkIsRefusedBeforeAllocating()
    {
        var small = ZarrSamples.FrameSizes with { Codecs = [new BytesCodec(), new ZstdCodec()] };
        var big = small with { ChunkLength = small.ChunkLength * 4 };
        var stored = ZarrChunkCodec.Encode(big, new byte[big.ChunkBytes]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ZarrChecksumException>(() => ZarrChunkCodec.Decode(small, stored, "x/c/0"));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < small.ChunkBytes, "allocated the chunk before refusing it");
        Assert.Contains("zstd frame holds", error.Message);
    }
}
