using Hark.Engine.Import;
using Hark.Media.Errors;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Engine.Tests;

/// <summary>What an import refuses, what it keeps, and where its start time comes from.</summary>
public sealed class ImportBehaviourTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-import");
    private readonly ArchiveStore _archive;
    private readonly LocalImporter _importer;

    public ImportBehaviourTests()
    {
        _archive = ArchiveStore.Open(_dir.File("archive"));
        _importer = new LocalImporter(new ImportSteps(_archive));
    }

    public void Dispose() => _dir.Dispose();

    private Task<string> ToneAsync(string name, int rate = 16000, params string[] args) =>
        AudioGenerator.GenerateAsync($"sine=frequency=440:sample_rate={rate}:duration=2", _dir.File(name), args.Length > 0 ? args : ["-c:a", "pcm_s16le"]);

    private Task<RecordingMetadata> ImportAsync(string path, string id, string codec = "aac", bool replace = false, DateTimeOffset? start = null, bool quantize = false) =>
        _importer.ImportAsync(new ImportRequest { Id = id, SourcePath = path, Codec = AudioCodecs.Parse(codec), Replace = replace, StartTime = start, QuantizeFloat = quantize },
            2, null, CancellationToken.None);

    [Fact]
    public async Task Same_id_is_refused_without_replace_and_the_stored_recording_is_untouched()
    {
        var first = await ToneAsync("a.wav");
        var stored = await ImportAsync(first, "rec");
        var before = await SnapshotAsync("rec");

        var other = await AudioGenerator.GenerateAsync("sine=frequency=1000:sample_rate=16000:duration=3", _dir.File("b.wav"), "-c:a", "pcm_s16le");
        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() => ImportAsync(other, "rec"));
        Assert.Contains("--replace", refused.Message);
        Assert.Equal(before, await SnapshotAsync("rec"));

        var replaced = await ImportAsync(other, "rec", replace: true);
        Assert.Equal(48000, replaced.TotalSamples);
        Assert.Equal(32000, stored.TotalSamples);
        Assert.NotEqual(before, await SnapshotAsync("rec"));
    }

    [Fact]
    public async Task A_failed_replacement_leaves_the_old_recording_readable()
    {
        var good = await ToneAsync("good.wav");
        await ImportAsync(good, "keep");
        var before = await SnapshotAsync("keep");
        var broken = _dir.File("broken.wav");
        await File.WriteAllBytesAsync(broken, (await File.ReadAllBytesAsync(good))[..20]);

        await Assert.ThrowsAnyAsync<Exception>(() => ImportAsync(broken, "keep", replace: true));

        Assert.Equal(before, await SnapshotAsync("keep"));
        var reader = await _archive.OpenRecordingAsync("keep", CancellationToken.None);
        Assert.Equal(32000, reader.Metadata.TotalSamples);
    }

    [Fact]
    public async Task Start_time_comes_from_the_source_then_the_option_and_never_from_the_clock()
    {
        var tagged = await ToneAsync("tagged.m4a", 16000, "-c:a", "aac", "-metadata", "creation_time=2024-05-06T07:08:09Z");
        var fromSource = await ImportAsync(tagged, "tagged");
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), fromSource.StartTime);

        var plain = await ToneAsync("plain.wav");
        var none = await ImportAsync(plain, "plain");
        Assert.Null(none.StartTime);

        var given = await ImportAsync(plain, "given", start: new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)));
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 1, 4, 5, TimeSpan.Zero), given.StartTime);
        Assert.Equal(TimeSpan.Zero, given.StartTime!.Value.Offset);
    }

    [Fact]
    public async Task Lac_refuses_a_float_source_unless_asked_to_quantise()
    {
        var floating = await ToneAsync("float.wav", 16000, "-c:a", "pcm_f32le");
        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() => ImportAsync(floating, "f", codec: "lac"));
        Assert.Contains("--quantize-float", refused.Message);
        Assert.Null(await _archive.FindRecordingAsync("f", CancellationToken.None));

        var stored = await ImportAsync(floating, "f", codec: "lac", quantize: true);
        Assert.Equal(24, stored.BitDepth);
    }

    [Fact]
    public async Task Aac_refuses_rates_it_cannot_carry_and_points_to_lac()
    {
        var ultrasonic = await ToneAsync("bat.wav", 192000);
        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() => ImportAsync(ultrasonic, "bat"));
        Assert.Contains("--codec lac", refused.Message);
    }

    [Fact]
    public async Task Inputs_without_audio_are_refused_with_one_clear_line()
    {
        var text = _dir.File("notes.txt");
        await File.WriteAllTextAsync(text, "not audio at all\n");
        var notAudio = await Assert.ThrowsAsync<UnsupportedMediaException>(() => ImportAsync(text, "t"));
        Assert.DoesNotContain('\n', notAudio.Message);

        var video = await AudioGenerator.GenerateAsync("testsrc=duration=1:size=64x64:rate=5", _dir.File("video.mkv"), "-c:v", "ffv1");
        var noAudio = await Assert.ThrowsAsync<UnsupportedMediaException>(() => ImportAsync(video, "v"));
        Assert.Contains("audio", noAudio.Message);

        await Assert.ThrowsAsync<FileNotFoundException>(() => ImportAsync(_dir.File("missing.wav"), "m"));
        await Assert.ThrowsAsync<InvalidRecordingIdException>(() => ImportAsync(text, "../escape"));
        Assert.Empty(await _archive.ListRecordingsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_corrupt_audio_chunk_is_an_error_naming_the_recording_not_wrong_audio()
    {
        var tone = await ToneAsync("c.wav");
        await ImportAsync(tone, "corrupt");
        var chunk = Directory.EnumerateFiles(_dir.File("archive"), "*", SearchOption.AllDirectories)
            .First(f => f.Replace('\\', '/').Contains("/recordings/corrupt/") && f.Replace('\\', '/').Contains("/audio/c/"));
        var bytes = await File.ReadAllBytesAsync(chunk);
        bytes[bytes.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(chunk, bytes);

        var segments = new Segments.SegmentReader(new Segments.RecordingCache(new ArchiveStore(_archive.Blobs)));
        var error = await Assert.ThrowsAsync<CorruptChunkException>(() =>
            segments.ReadSamplesAsync("corrupt", 0, 32000, new float[32000], CancellationToken.None).AsTask());
        Assert.Contains("corrupt", error.Message);
    }

    /// <summary>Every stored object of a recording with its bytes, to show nothing changed.</summary>
    private async Task<string> SnapshotAsync(string id)
    {
        var parts = new List<string>();
        await foreach (var key in _archive.Blobs.ListAsync($"recordings/{id}/", CancellationToken.None))
        {
            parts.Add($"{key}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(await _archive.Blobs.GetAsync(key, CancellationToken.None)))}");
        }
        parts.Sort(StringComparer.Ordinal);
        return string.Join('\n', parts);
    }
}
