using System.Buffers.Binary;
using Hark.Engine.Import;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Engine.Tests;

/// <summary>
/// Sources whose headers claim more than they hold (issue 11): what is there is imported, the shortfall is kept in the
/// recording's metadata, and no claimed size makes the plan's chunk count exceed what the file can hold.
/// </summary>
public sealed class HostileSourceTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-hostile");
    private readonly ArchiveStore _archive;
    private readonly ImportSteps _steps;

    public HostileSourceTests()
    {
        _archive = ArchiveStore.Open(_dir.File("archive"));
        _steps = new ImportSteps(_archive);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_wav_cut_short_of_its_data_chunk_is_imported_with_its_shortfall()
    {
        var wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 4, 16000), _dir.File("cut.wav"), "-c:a", "pcm_s16le");
        var bytes = await File.ReadAllBytesAsync(wav);
        await File.WriteAllBytesAsync(wav, bytes[..(bytes.Length - 2 * 16000)]); // the last second is gone

        var plan = await _steps.PlanAsync(Request("cut", wav), CancellationToken.None);
        Assert.Null(plan.SourcePcmOffset); // never read in place past the end of the file
        await new LocalImporter(_steps).ImportAsync(Request("cut", wav), 2, null, CancellationToken.None);

        var metadata = (await _archive.OpenRecordingAsync("cut", CancellationToken.None)).Metadata;
        Assert.Equal(64_000, metadata.DeclaredSamples);
        Assert.Equal(48_000, metadata.TotalSamples);
        Assert.Equal(16_000, metadata.ShortfallSamples);
    }

    [Fact]
    public async Task A_ds64_size_of_a_terabyte_does_not_plan_a_terabyte_of_chunks()
    {
        var rf64 = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 3, 8000), _dir.File("claims.wav"),
            "-c:a", "pcm_s16le", "-rf64", "always");
        var bytes = await File.ReadAllBytesAsync(rf64);
        int ds64 = bytes.AsSpan().IndexOf("ds64"u8);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(ds64 + 8 + 8), 1L << 40);
        await File.WriteAllBytesAsync(rf64, bytes);

        var plan = await _steps.PlanAsync(Request("claims", rf64), CancellationToken.None);
        Assert.Null(plan.SourcePcmOffset);
        Assert.True(plan.ChunkCount <= 1 + bytes.Length / 2 / plan.ChunkSamples, $"{plan.ChunkCount} chunks planned for {bytes.Length} bytes");
        await new LocalImporter(_steps).ImportAsync(Request("claims", rf64), 2, null, CancellationToken.None);
        var metadata = (await _archive.OpenRecordingAsync("claims", CancellationToken.None)).Metadata;
        Assert.Equal(24_000, metadata.TotalSamples);
    }

    private static ImportRequest Request(string id, string path) =>
        new() { Id = id, SourcePath = path, Codec = AudioCodec.Lac, ChunkSeconds = 1 };
}
