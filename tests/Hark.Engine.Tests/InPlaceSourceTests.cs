using Hark.Engine.Import;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Engine.Tests;

/// <summary>
/// A WAV of 16- or 24-bit integer PCM is read in place by the chunk encoders (no staging pass); every other source
/// is decoded into staging first. Both paths must store exactly the same recording.
/// </summary>
public sealed class InPlaceSourceTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-inplace");
    private readonly ArchiveStore _archive;
    private readonly ImportSteps _steps;

    public InPlaceSourceTests()
    {
        _archive = ArchiveStore.Open(_dir.File("archive"));
        _steps = new ImportSteps(_archive);
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("aac", "pcm_s16le", 44100, 2)]
    [InlineData("aac", "pcm_s24le", 48000, 6)]
    [InlineData("lac", "pcm_s24le", 96000, 2)]
    [InlineData("lac", "pcm_s16le", 8000, 1)]
    public async Task A_wav_read_in_place_stores_the_same_recording_as_its_flac_decoded_into_staging(string codec, string pcm, int rate, int channels)
    {
        // 25.3 s in 10-s chunks: three chunks, the last one short, so the in-place reads cross chunk ends and stop early.
        var wav = await AudioGenerator.GenerateAsync(
            $"{AudioGenerator.SineExpression(channels, 25.3, rate).Replace(":s=", "+0.05*(random(0)-0.5):s=", StringComparison.Ordinal)}",
            _dir.File("src.wav"), "-c:a", pcm);
        var flac = _dir.File("src.flac");
        await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-i", wav, "-c:a", "flac", flac);

        var wavPlan = await _steps.PlanAsync(Request("probe-wav", wav, codec), CancellationToken.None);
        var flacPlan = await _steps.PlanAsync(Request("probe-flac", flac, codec), CancellationToken.None);
        Assert.NotNull(wavPlan.SourcePcmOffset);
        Assert.Null(flacPlan.SourcePcmOffset);
        Assert.Equal(3, wavPlan.ChunkCount);
        await _archive.DeleteRecordingAsync("probe-wav", CancellationToken.None);
        await _archive.DeleteRecordingAsync("probe-flac", CancellationToken.None);

        var importer = new LocalImporter(_steps);
        var fromWav = await importer.ImportAsync(Request("from-wav", wav, codec), 2, null, CancellationToken.None);
        var fromFlac = await importer.ImportAsync(Request("from-flac", flac, codec), 2, null, CancellationToken.None);

        Assert.Equal((long)Math.Round(25.3 * rate), fromWav.TotalSamples);
        Assert.Equal(fromFlac.TotalSamples, fromWav.TotalSamples);
        var a = await _archive.OpenRecordingAsync("from-wav", CancellationToken.None);
        var b = await _archive.OpenRecordingAsync("from-flac", CancellationToken.None);
        Assert.Equal(b.Index.FrameCount, a.Index.FrameCount);
        await a.Index.EnsureAllAsync(CancellationToken.None);
        await b.Index.EnsureAllAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, b.Index.FrameCount + 1).Select(b.Index.FrameOffset), Enumerable.Range(0, a.Index.FrameCount + 1).Select(a.Index.FrameOffset));
        Assert.Equal(await AudioAsync(b), await AudioAsync(a));
        // Nothing of the in-place import was staged, and nothing is left.
        Assert.Empty(await ToListAsync(_archive.Blobs.ListAsync("staging/from-wav/", CancellationToken.None)));
    }

    [Fact]
    public async Task An_rf64_wav_for_files_over_4_GiB_is_read_in_place_too()
    {
        var expression = AudioGenerator.SineExpression(2, 12.5, 32000);
        var wav = await AudioGenerator.GenerateAsync(expression, _dir.File("plain.wav"), "-c:a", "pcm_s24le");
        var rf64 = await AudioGenerator.GenerateAsync(expression, _dir.File("big.wav"), "-c:a", "pcm_s24le", "-rf64", "always");

        var plan = await _steps.PlanAsync(Request("probe-rf64", rf64, "lac"), CancellationToken.None);
        Assert.NotNull(plan.SourcePcmOffset);
        Assert.Equal(400_000, plan.TotalSamples);
        await _archive.DeleteRecordingAsync("probe-rf64", CancellationToken.None);

        var importer = new LocalImporter(_steps);
        await importer.ImportAsync(Request("plain", wav, "lac"), 2, null, CancellationToken.None);
        await importer.ImportAsync(Request("rf64", rf64, "lac"), 2, null, CancellationToken.None);
        Assert.Equal(await AudioAsync(await _archive.OpenRecordingAsync("plain", CancellationToken.None)),
            await AudioAsync(await _archive.OpenRecordingAsync("rf64", CancellationToken.None)));
    }

    [Fact]
    public async Task A_wav_in_the_store_is_read_in_place_by_range_and_stores_what_the_file_does()
    {
        var wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 25.3, 44100), _dir.File("card.wav"), "-c:a", "pcm_s16le");
        var bytes = await File.ReadAllBytesAsync(wav);
        var uploads = new Hark.Storage.Uploads.UploadArea(_archive.Blobs);
        var upload = await uploads.CreateAsync("card.wav", bytes.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), CancellationToken.None);
        await uploads.AppendAsync(upload.Id, 0, new MemoryStream(bytes), CancellationToken.None);

        // The store's address, not the file's: the encoders read the blob's ranges.
        var plan = await _steps.PlanAsync(Request("probe-blob", $"upload:{upload.Id}/card.wav", "lac"), CancellationToken.None);
        Assert.NotNull(plan.SourcePcmOffset);
        Assert.Equal($"upload:{upload.Id}/card.wav", plan.SourcePath);
        await _archive.DeleteRecordingAsync("probe-blob", CancellationToken.None);

        var importer = new LocalImporter(_steps);
        await importer.ImportAsync(Request("from-blob", $"upload:{upload.Id}/card.wav", "lac"), 2, null, CancellationToken.None);
        await importer.ImportAsync(Request("from-file", wav, "lac"), 2, null, CancellationToken.None);
        Assert.Equal(await AudioAsync(await _archive.OpenRecordingAsync("from-file", CancellationToken.None)),
            await AudioAsync(await _archive.OpenRecordingAsync("from-blob", CancellationToken.None)));
        Assert.Empty(await ToListAsync(_archive.Blobs.ListAsync("staging/from-blob/", CancellationToken.None)));
        Assert.Equal(upload.Sha256, (await _archive.FindRecordingAsync("from-blob", CancellationToken.None))!.SourceSha256);
    }

    [Fact]
    public async Task A_source_changed_after_planning_is_refused_not_read()
    {
        var wav = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 3, 16000), _dir.File("moved.wav"), "-c:a", "pcm_s16le");
        var plan = await _steps.PlanAsync(Request("moved", wav, "aac"), CancellationToken.None);
        Assert.NotNull(plan.SourcePcmOffset);
        File.SetLastWriteTimeUtc(wav, DateTime.UtcNow.AddMinutes(5));

        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() =>
            _steps.StageSourceAsync(plan, _ => ValueTask.CompletedTask, null, null, CancellationToken.None));
        Assert.Contains("moved.wav changed", refused.Message);
    }

    [Fact]
    public async Task Float_and_32_bit_wavs_are_decoded_into_staging()
    {
        var f32 = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 2, 16000), _dir.File("f32.wav"), "-c:a", "pcm_f32le");
        var s32 = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 2, 16000), _dir.File("s32.wav"), "-c:a", "pcm_s32le");
        Assert.Null((await _steps.PlanAsync(Request("f32", f32, "aac"), CancellationToken.None)).SourcePcmOffset);
        Assert.Null((await _steps.PlanAsync(Request("s32", s32, "aac"), CancellationToken.None)).SourcePcmOffset);
    }

    private static ImportRequest Request(string id, string path, string codec) =>
        new() { Id = id, SourcePath = path, Codec = AudioCodecs.Parse(codec), ChunkSeconds = 10 };

    private static async Task<byte[]> AudioAsync(RecordingReader reader)
    {
        var bytes = new byte[reader.AudioBytes];
        await reader.ReadBytesAsync(0, bytes, CancellationToken.None);
        return bytes;
    }

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> items)
    {
        var list = new List<string>();
        await foreach (var item in items)
        {
            list.Add(item);
        }
        return list;
    }
}
