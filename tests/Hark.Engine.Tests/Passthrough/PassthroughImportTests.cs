using System.Text.RegularExpressions;
using Hark.Engine.Export;
using Hark.Engine.Import;
using Hark.Engine.Segments;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Engine.Tests.Passthrough;

public sealed partial class PassthroughImportTests(PassthroughSources sources) : IClassFixture<PassthroughSources>, IAsyncLifetime
{
    private readonly TempDirectory _dir = new("hark-passthrough-archive");
    private ArchiveStore _archive = null!;
    private SegmentReader _segments = null!;

    public async Task InitializeAsync()
    {
        _archive = ArchiveStore.Open(_dir.File("archive"));
        await _archive.EnsureCreatedAsync(CancellationToken.None);
        _segments = new SegmentReader(new RecordingCache(_archive));
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_mp4_source_is_stored_packet_for_packet_with_the_edit_lists_priming_and_length()
    {
        var meta = await ImportAsync("m4a", sources.M4a);

        Assert.True(meta.Passthrough);
        Assert.Equal(AudioCodec.Aac, meta.Codec);
        Assert.Equal(1024, meta.PrimingSamples);
        Assert.Equal(sources.ExactSamples, meta.TotalSamples);
        Assert.StartsWith("copied from the source (Lavf", meta.Encoder);
        Assert.Equal(await PacketHashesAsync(sources.M4a), await PacketHashesAsync(await ExportM4aAsync("m4a")));
    }

    [Fact]
    public async Task Reads_of_a_copied_mp4_equal_ffmpegs_sequential_decode_of_the_source_bit_for_bit()
    {
        var meta = await ImportAsync("m4a-reads", sources.M4a);
        // ffmpeg drops the edit list's priming but decodes the last frame whole: its first TotalSamples are the recording.
        var reference = await DecodeAsync(sources.M4a, 0);
        Assert.True(reference.Length >= meta.TotalSamples * 2);
        await AssertReadsEqualAsync("m4a-reads", meta, reference, seed: 7);
    }

    [Theory]
    [InlineData("mov")]
    [InlineData("mkv")]
    [InlineData("adts")]
    public async Task Other_containers_copy_the_same_packets_and_read_exactly(string container)
    {
        string source = container switch { "mov" => sources.Mov, "mkv" => sources.Mkv, _ => sources.Adts };
        var meta = await ImportAsync(container, source);

        Assert.True(meta.Passthrough);
        // MOV keeps the edit list; Matroska and ADTS as ffmpeg writes them do not say how many samples are priming,
        // so a player (and Hark) plays every decoded sample.
        int priming = container == "mov" ? 1024 : 0;
        Assert.Equal(priming, meta.PrimingSamples);
        Assert.Equal(container == "mov" ? sources.ExactSamples : meta.FrameCount * 1024, meta.TotalSamples);
        // The same packets as the MP4 they were copied from.
        Assert.Equal(await PacketHashesAsync(sources.M4a), await PacketHashesAsync(await ExportM4aAsync(container)));
        var reference = await DecodeAsync(source, 0);
        await AssertReadsEqualAsync(container, meta, reference, seed: container.Length);
    }

    [Fact]
    public async Task The_stream_option_picks_the_second_audio_stream()
    {
        var meta = await ImportAsync("second", sources.TwoStreams, stream: 1);

        Assert.True(meta.Passthrough);
        Assert.Equal(9.0, meta.DurationSeconds, 1);
        Assert.Equal(await PacketHashesAsync(sources.TwoStreams, stream: 1), await PacketHashesAsync(await ExportM4aAsync("second")));
        var reference = await DecodeAsync(sources.TwoStreams, 1);
        await AssertReadsEqualAsync("second", meta, reference, seed: 3, channels: 1);

        var missing = await Assert.ThrowsAnyAsync<Exception>(() => ImportAsync("third", sources.TwoStreams, stream: 2));
        Assert.Contains("has 2 audio streams; stream 2 does not exist", missing.Message);
    }

    [Fact]
    public async Task A_main_profile_source_is_encoded_by_default_and_refused_when_copy_is_asked_for()
    {
        var encoded = await ImportAsync("main", sources.MainProfile);
        Assert.False(encoded.Passthrough);
        Assert.StartsWith("ffmpeg aac", encoded.Encoder);

        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() => ImportAsync("main-copy", sources.MainProfile, ImportCodec.Copy));
        Assert.Equal("--codec copy: main.m4a holds AAC of profile Main; only AAC-LC is stored as it is; use --codec aac, opus or lac", refused.Message);
        Assert.Null(await _archive.FindRecordingAsync("main-copy", CancellationToken.None) is { State: RecordingPhase.Complete } done ? done : null);
    }

    [Fact]
    public async Task Asking_for_a_codec_re_encodes_an_aac_source()
    {
        var meta = await new LocalImporter(new ImportSteps(_archive)).ImportAsync(
            new ImportRequest { Id = "lossless", SourcePath = sources.M4a, Codec = AudioCodec.Lac, QuantizeFloat = true, ChunkSeconds = 10 }, 2, null, CancellationToken.None);
        Assert.False(meta.Passthrough);
        Assert.Equal(AudioCodec.Lac, meta.Codec);
        // The decoded source, priming dropped as the edit list says, exactly as long as the edit.
        Assert.Equal(sources.ExactSamples, meta.TotalSamples);
    }

    [Fact]
    public async Task An_interrupted_copy_resumes_keeping_the_chunks_it_wrote_and_ends_as_a_clean_import()
    {
        var steps = new ImportSteps(_archive);
        var request = new ImportRequest { Id = "resumed", SourcePath = sources.M4a, ChunkSeconds = 10 };
        var plan = await steps.PlanAsync(request, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        // The copy stops after its second chunk, as a killed process would (nothing after it is written).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => steps.StageSourceAsync(plan, chunk =>
        {
            if (chunk == 1)
            {
                stop.Cancel();
            }
            return ValueTask.CompletedTask;
        }, null, null, stop.Token));
        var staging = _archive.Staging("resumed", plan.Token);
        Assert.Equal([0, 1], (await staging.ListEncodedChunksAsync(CancellationToken.None)).Order());
        var firstChunk = Directory.EnumerateFiles(_dir.File("archive"), "enc-000000", SearchOption.AllDirectories).Single();
        var written = File.GetLastWriteTimeUtc(firstChunk);

        // Staged again, the chunks already there are read past, not written again; the rest are added.
        var final = await steps.StageSourceAsync(plan, _ => ValueTask.CompletedTask, null, null, CancellationToken.None);
        Assert.Equal(written, File.GetLastWriteTimeUtc(firstChunk));
        Assert.Equal(Enumerable.Range(0, final.ChunkCount), (await staging.ListEncodedChunksAsync(CancellationToken.None)).Order());

        var resumed = await new LocalImporter(steps).ImportAsync(request, 2, null, CancellationToken.None);
        var clean = await ImportAsync("clean", sources.M4a);
        Assert.True(resumed.Passthrough);
        Assert.Equal(clean.TotalSamples, resumed.TotalSamples);
        Assert.Equal(clean.FrameCount, resumed.FrameCount);
        Assert.Equal(await PacketHashesAsync(await ExportM4aAsync("clean")), await PacketHashesAsync(await ExportM4aAsync("resumed")));
    }

    [Fact]
    public async Task An_itunsmpb_tag_gives_priming_and_length_when_there_is_no_edit_list()
    {
        var meta = await ImportAsync("gapless", sources.Gapless);

        Assert.True(meta.Passthrough);
        Assert.Equal(1024, meta.PrimingSamples);
        Assert.Equal(sources.ExactSamples, meta.TotalSamples);
        // The same packets with the same timing as the edit-listed MP4: the same samples.
        var reference = await DecodeAsync(sources.M4a, 0);
        await AssertReadsEqualAsync("gapless", meta, reference, seed: 11);
    }

    [Fact]
    public async Task Faad2_an_independent_decoder_agrees_with_the_reads_and_their_alignment()
    {
        var meta = await ImportAsync("faad", sources.M4a);
        var buffer = new float[meta.TotalSamples * 2];
        await _segments.ReadSamplesAsync("faad", 0, (int)meta.TotalSamples, buffer, CancellationToken.None);
        // faad drops the decoder's first frame (the priming) of an MP4 and writes 32-bit floats.
        var raw = _dir.File("faad.f32");
        await ProcessRunner.RunCheckedAsync("faad", "-q", "-f", "2", "-b", "4", "-o", raw, sources.M4a);
        var faad = Pcm.Floats(await File.ReadAllBytesAsync(raw));
        Assert.True(faad.Length >= buffer.Length);
        int count = (int)meta.TotalSamples - 4096;
        for (int channel = 0; channel < 2; channel++)
        {
            Assert.Equal(0, Pcm.BestLag(faad, buffer, 2, channel, 2048, 48000, 64));
            double snr = Pcm.SnrDb(faad, buffer, 2, channel, 0, count);
            Console.WriteLine($"faad vs Hark's reads, channel {channel}: {snr:0.0} dB");
            // Two float decoders differ in rounding only; a misplaced frame or a wrong priming would be near 0 dB.
            Assert.True(snr > 80, $"channel {channel}: {snr:0.0} dB");
        }
    }

    [Fact]
    public async Task Reads_of_a_stream_with_noise_substitution_differ_from_a_sequential_decode_only_by_regenerated_noise()
    {
        // The decoder draws substituted noise from a generator that runs over the whole stream, so no read that
        // starts elsewhere can repeat its values: the level and the spectrum's envelope match, the samples do not.
        var meta = await ImportAsync("pns", sources.WithPns);
        var reference = await DecodeAsync(sources.WithPns, 0);
        var random = new Random(5);
        double worstSnr = double.MaxValue, worstLevel = 0;
        for (int i = 0; i < 50; i++)
        {
            long start = random.NextInt64(0, meta.TotalSamples - 8192);
            var buffer = new float[8192];
            await _segments.ReadSamplesAsync("pns", start, 8192, buffer, CancellationToken.None);
            var expected = reference.AsSpan((int)start, 8192);
            worstSnr = Math.Min(worstSnr, Pcm.SnrDb(expected, buffer, 1, 0, 0, 8192));
            worstLevel = Math.Max(worstLevel, Math.Abs(10 * Math.Log10(Energy(buffer) / Energy(expected))));
            var again = new float[8192];
            await _segments.ReadSamplesAsync("pns", start, 8192, again, CancellationToken.None);
            Assert.Equal(buffer, again);
        }
        Console.WriteLine($"noise substitution, 50 reads: worst SNR against the sequential decode {worstSnr:0.0} dB, worst level difference {worstLevel:0.00} dB");
        Assert.True(worstLevel < 1.0, $"level differs by {worstLevel:0.00} dB");
        Assert.True(worstSnr > 3, $"{worstSnr:0.0} dB");
    }

    private static double Energy(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (float value in samples)
        {
            sum += (double)value * value;
        }
        return sum;
    }

    private async Task<RecordingMetadata> ImportAsync(string id, string source, ImportCodec codec = default, int stream = 0) =>
        await new LocalImporter(new ImportSteps(_archive)).ImportAsync(
            new ImportRequest { Id = id, SourcePath = source, Codec = codec, Stream = stream, ChunkSeconds = 10 }, 2, null, CancellationToken.None);

    private async Task<string> ExportM4aAsync(string id)
    {
        var path = _dir.File(id + ".export.m4a");
        var reader = await _archive.OpenRecordingAsync(id, CancellationToken.None);
        await using var file = File.Create(path);
        await M4aExport.WriteAsync(reader, 0, reader.Metadata.TotalSamples, file, CancellationToken.None);
        return path;
    }

    /// <summary>The MD5 of every packet of the audio stream, as ffprobe reads the container.</summary>
    private static async Task<List<string>> PacketHashesAsync(string path, int stream = 0)
    {
        var result = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-select_streams", $"a:{stream}", "-show_packets",
            "-show_data_hash", "md5", "-show_entries", "packet=data_hash", "-of", "default=nw=1", path);
        var hashes = DataHash().Matches(result.Output).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(hashes);
        return hashes;
    }

    private static async Task<float[]> DecodeAsync(string path, int stream)
    {
        var decoded = await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-i", path, "-map", $"0:a:{stream}", "-f", "f32le", "-");
        return Pcm.Floats(decoded.StandardOutput);
    }

    /// <summary>300 random reads, the first and last samples and the whole recording equal the reference's samples.</summary>
    private async Task AssertReadsEqualAsync(string id, RecordingMetadata meta, float[] reference, int seed, int channels = 2)
    {
        long total = meta.TotalSamples;
        var random = new Random(seed);
        var cases = new List<(long Start, int Count)> { (0, 1), (0, 3000), (total - 1, 1), (total - 2500, 2500), (0, (int)total) };
        for (int i = 0; i < 300; i++)
        {
            int count = random.Next(1, 4096);
            cases.Add((random.NextInt64(0, total - count + 1), count));
        }
        foreach (var (start, count) in cases)
        {
            var buffer = new float[count * channels];
            Assert.Equal(count, await _segments.ReadSamplesAsync(id, start, count, buffer, CancellationToken.None));
            Assert.True(reference.AsSpan((int)start * channels, count * channels).SequenceEqual(buffer), $"{id}: samples {start}+{count} differ from the sequential decode");
        }
    }

    [GeneratedRegex("data_hash=MD5:([0-9a-f]{32})")]
    private static partial Regex DataHash();
}
