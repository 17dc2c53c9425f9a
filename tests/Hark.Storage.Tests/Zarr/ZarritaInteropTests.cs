using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Hark.Storage.Blobs;
using Hark.Storage.Tests.Fixtures;
using Hark.Storage.Zarr;
using Hark.Testing;

namespace Hark.Storage.Tests.Zarr;

/// <summary>
/// The archive is plain Zarr v3: zarrita (an independent JavaScript implementation, tools/node) reads what Hark
/// wrote with the same bytes and shapes, and Hark reads what zarrita wrote.
/// </summary>
public sealed class ZarritaInteropTests : IDisposable
{
    private readonly TempDirectory _root = new("hark-zarrita");

    private static string Script => Path.Combine(RepoPaths.Root, "tools", "node", "zarr-interop.mjs");

    private static async Task<JsonNode> NodeAsync(params string[] arguments)
    {
        if (!Directory.Exists(Path.Combine(RepoPaths.Root, "tools", "node", "node_modules", "zarrita")))
        {
            throw new InvalidOperationException("zarrita is not installed in tools/node: run scripts/setup.sh tests");
        }
        var result = await ProcessRunner.RunAsync("node", [Script, .. arguments], timeout: TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, $"zarrita failed: {result.StandardError}");
        return JsonNode.Parse(result.Output)!;
    }

    [Fact]
    public async Task Zarrita_reads_a_recording_that_Hark_wrote()
    {
        var archive = new ArchiveStore(new LocalDirectoryBlobStore(_root.Path), new ArchiveOptions { AudioChunkBytes = 4096, AudioInnerChunkBytes = 1024, IndexChunkFrames = 64 });
        var frames = FrameSource.Frames(150, seed: 42);
        await using (var writer = await archive.CreateRecordingAsync(FrameSource.Metadata("interop"), false, CancellationToken.None))
        {
            foreach (var frame in frames)
            {
                await writer.AppendFrameAsync(frame, CancellationToken.None);
            }
            await writer.CommitAsync(FrameSource.Metadata("interop", FrameSource.TotalSamplesFor(150)), CancellationToken.None);
        }
        var reader = await archive.OpenRecordingAsync("interop", CancellationToken.None);
        string generation = $"recordings/interop/{reader.Generation}";
        var audioBytes = frames.SelectMany(f => f).ToArray();

        var audio = await NodeAsync("read", _root.Path, $"{generation}/audio", "/", "recordings/interop", generation);
        Assert.Equal(audioBytes.Length, audio["shape"]![0]!.GetValue<long>());
        Assert.Equal(1024, audio["chunks"]![0]!.GetValue<int>()); // zarrita reports a sharded array's inner chunks
        Assert.Equal("uint8", audio["dtype"]!.GetValue<string>());
        // Shards of 4096 bytes holding inner chunks of 1024: zarrita's bytes (above) came through its own sharding code.
        var stored = await ZarrArray.OpenAsync(new LocalDirectoryBlobStore(_root.Path), $"{generation}/audio/", CancellationToken.None);
        Assert.Equal(1024, stored.Metadata.Sharding?.InnerChunkLength);
        Assert.Equal(audioBytes.Length, audio["byteLength"]!.GetValue<int>());
        Assert.Equal(TestData.Sha256(audioBytes), audio["sha256"]!.GetValue<string>());
        Assert.Equal(1, audio["groups"]!["/"]!["hark"]!["format_version"]!.GetValue<int>());
        var hark = audio["groups"]!["recordings/interop"]!["hark"]!;
        Assert.Equal(("interop", "aac", "complete", 150L, reader.Generation),
            (hark["id"]!.GetValue<string>(), hark["codec"]!.GetValue<string>(), hark["state"]!.GetValue<string>(),
             hark["frame_count"]!.GetValue<long>(), hark["generation"]!.GetValue<string>()));
        Assert.Equal(44100, hark["sample_rate"]!.GetValue<int>());

        var sizes = await NodeAsync("read", _root.Path, $"{generation}/index/frame_sizes");
        Assert.Equal(150, sizes["shape"]![0]!.GetValue<long>());
        Assert.Equal("uint16", sizes["dtype"]!.GetValue<string>());
        var expectedSizes = new byte[300];
        for (int i = 0; i < 150; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(expectedSizes.AsSpan(2 * i), (ushort)frames[i].Length);
        }
        Assert.Equal(TestData.Sha256(expectedSizes), sizes["sha256"]!.GetValue<string>());
        Assert.Equal(frames[0].Length, sizes["first"]![0]!.GetValue<int>());
    }

    [Theory]
    [InlineData("uint8", 10_000, 4096, """[{"name":"bytes"}]""")]
    [InlineData("uint16", 1000, 300, """[{"name":"bytes","configuration":{"endian":"little"}},{"name":"zstd","configuration":{"level":3,"checksum":false}}]""")]
    [InlineData("uint32", 777, 100, """[{"name":"bytes","configuration":{"endian":"big"}},{"name":"zstd","configuration":{"level":1,"checksum":true}}]""")]
    public async Task Hark_reads_an_array_that_zarrita_wrote(string dtype, int length, int chunk, string codecs)
    {
        var written = await NodeAsync("write", _root.Path, $"from-zarrita/{dtype}", dtype, length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            chunk.ToString(System.Globalization.CultureInfo.InvariantCulture), codecs);
        var array = await ZarrArray.OpenAsync(new LocalDirectoryBlobStore(_root.Path), $"from-zarrita/{dtype}/", CancellationToken.None);
        Assert.Equal(length, array.Metadata.Length);
        Assert.Equal(chunk, array.Metadata.ChunkLength);
        Assert.Equal("zarrita", array.Metadata.Attributes["written_by"]!.GetValue<string>());
        var bytes = await array.ReadAllAsync(CancellationToken.None);
        Assert.Equal(written["sha256"]!.GetValue<string>(), TestData.Sha256(bytes));
        // Element 999 (or the last) follows the script's formula (i * 7919 + 13) mod 2^bits.
        int i = Math.Min(999, length - 1);
        ulong expected = (ulong)(i * 7919L + 13) % (1UL << (8 * array.Metadata.DataType.Size));
        ulong actual = array.Metadata.DataType.Size switch
        {
            1 => bytes[i],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2 * i)),
            _ => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4 * i)),
        };
        Assert.Equal(expected, actual);
    }

    public void Dispose() => _root.Dispose();
}
