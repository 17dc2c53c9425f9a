using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Hark.Codec.Mp4;
using Hark.Engine.Export;
using Hark.Engine.Import;
using Hark.Testing;

namespace Hark.Engine.Tests.Export;

/// <summary>
/// M4A exports against programs that did not write them: ffprobe (stream and duration), an ffmpeg decode (which
/// honours the edit list's start) against the segment reader's samples, and exiftool for the metadata.
/// </summary>
public sealed class M4aExportTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(48000, 2)]
    [InlineData(22050, 1)]
    [InlineData(44100, 6)]
    [InlineData(8000, 1)]
    public async Task Whole_and_range_exports_probe_right_and_decode_to_exactly_the_segment_samples(int rate, int channels)
    {
        await using var recording = await ImportAsync(rate, channels, seconds: 7.3);
        long total = recording.Metadata.TotalSamples;
        // The whole recording; a stretch from inside a frame across a chunk boundary; one from the very start; one to the end.
        foreach (var (from, to) in new[] { (0L, total), (rate + 77L, 5L * rate + 3), (0L, 1500L), (2L * rate + 5, total) })
        {
            var file = await ExportAsync(recording, from, to);
            await AssertProbedAsync(file, rate, channels, to - from);
            AssertEditList(file, recording.Metadata, from, to);
            await AssertMp4BoxJsAgreesAsync(file, recording.Metadata, from, to);
            await AssertDecodesToSegmentAsync(recording, file, from, to);
        }
    }

    /// <summary>
    /// mp4box.js (GPAC's parser, in tools/node) reads the same file: moov before mdat, one mp4a.40.2 track at the
    /// recording's rate with every frame written, and the same edit, so a second, independent parser sees what ffmpeg saw.
    /// </summary>
    private static async Task AssertMp4BoxJsAgreesAsync(string file, RecordingMetadata metadata, long from, long to)
    {
        var script = Path.Combine(RepoPaths.Root, "tools", "node", "mp4-inspect.mjs");
        var result = await ProcessRunner.RunAsync("node", [script, file], timeout: TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, result.StandardError);
        var parsed = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(["ftyp", "moov", "mdat"], parsed.GetProperty("boxes").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(to - from, parsed.GetProperty("movie_duration").GetInt64());
        // The recording has a start time, so a timecode track follows the audio, which references it.
        var tracks = parsed.GetProperty("tracks").EnumerateArray().ToArray();
        Assert.Equal(2, tracks.Length);
        var (track, timecode) = (tracks[0], tracks[1]);
        Assert.Equal("tmcd", timecode.GetProperty("handler").GetString());
        Assert.Equal("tmcd", timecode.GetProperty("codec").GetString());
        Assert.Equal(1, timecode.GetProperty("samples").GetInt32());
        Assert.Equal(to - from, timecode.GetProperty("duration").GetInt64());
        Assert.Equal(2, Assert.Single(track.GetProperty("references").GetProperty("tmcd").EnumerateArray()).GetInt32());
        Assert.Equal("mp4a.40.2", track.GetProperty("codec").GetString());
        Assert.Equal(metadata.SampleRate, track.GetProperty("timescale").GetInt32());
        var edit = Assert.Single(track.GetProperty("edits").EnumerateArray());
        Assert.Equal(to - from, edit.GetProperty("segment_duration").GetInt64());
        Assert.Equal(ExpectedMediaTime(metadata, from), edit.GetProperty("media_time").GetInt64());
        Assert.Equal(track.GetProperty("samples").GetInt64() * 1024, track.GetProperty("duration").GetInt64());
    }

    /// <summary>
    /// Any byte range written alone is that slice of the whole file: ranges inside the header, across its end, across
    /// batch boundaries (256 frames) and inside one frame, each written from only the frames it overlaps.
    /// </summary>
    [Fact]
    public async Task A_byte_range_is_the_slice_of_the_whole_export()
    {
        await using var recording = await ImportAsync(48000, 2, seconds: 7.3);
        var reader = await recording.Archive.OpenRecordingAsync(recording.Metadata.Id, CancellationToken.None);
        var file = await M4aExport.OpenAsync(reader, 333, recording.Metadata.TotalSamples - 777, CancellationToken.None);
        var whole = new MemoryStream();
        await file.WriteAsync(0, file.Length, whole, CancellationToken.None);
        Assert.Equal(file.Length, whole.Length);
        var random = new Random(12);
        var ranges = Enumerable.Range(0, 40).Select(_ => random.NextInt64(file.Length)).Select(a => (a, random.NextInt64(1, file.Length - a + 1)))
            .Append((0L, 10L)).Append((file.Length - 1, 1L)).Append((file.Length, 0L));
        foreach (var (offset, count) in ranges)
        {
            var part = new MemoryStream();
            await file.WriteAsync(offset, count, part, CancellationToken.None);
            Assert.True(whole.ToArray().AsSpan((int)offset, (int)count).SequenceEqual(part.ToArray()), $"bytes {offset} + {count}");
        }
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => file.WriteAsync(file.Length - 1, 2, Stream.Null, CancellationToken.None));
    }

    [Fact]
    public async Task Exiftool_reads_the_recording_id_station_start_source_and_hark_version()
    {
        await using var recording = await ImportAsync(48000, 2, seconds: 2);
        var file = await ExportAsync(recording, 0, recording.Metadata.TotalSamples);
        var json = await ProcessRunner.RunCheckedAsync("exiftool", "-j", file);
        var tags = JsonDocument.Parse(json.Output).RootElement[0];
        Assert.Equal("rec", tags.GetProperty("Title").GetString());
        Assert.Equal($"Hark {M4aTags.HarkVersion}", tags.GetProperty("Encoder").GetString());
        Assert.Equal("rec", tags.GetProperty("Recording_id").GetString());
        Assert.Equal(recording.Metadata.SourceSha256, tags.GetProperty("Source_sha256").GetString());
        Assert.Equal("source.wav", tags.GetProperty("Source_name").GetString());
        Assert.False(tags.TryGetProperty("Station", out _)); // none given: left out, not written empty
        Assert.Equal("2026-03-01T08:30:00.000Z", tags.GetProperty("Start_time").GetString());
        Assert.Equal(M4aTags.HarkVersion, tags.GetProperty("Hark_version").GetString());
        Assert.Equal("2026:03:01 08:30:00.000Z", tags.GetProperty("ContentCreateDate").GetString());
        Assert.Equal("2026:03:01 08:30:00", tags.GetProperty("CreateDate").GetString()); // mvhd creation_time
    }

    /// <summary>
    /// The station as exiftool reads it: the tags of a recording that names one, in a file laid out by M4aHeader (no
    /// import sets a station yet, so the recording's metadata is given one here; exiftool reads only the moov).
    /// </summary>
    [Fact]
    public async Task Exiftool_reads_the_station()
    {
        await using var recording = await ImportAsync(48000, 1, seconds: 1);
        var tags = M4aTags.For(recording.Metadata with { Station = "north-mast" });
        var header = M4aHeader.For(new M4aTrack(48000, 1, [0x11, 0x88], 1024, new int[4], 0, 4096, Start, tags));
        var path = recording.Directory.File("station.m4a");
        await File.WriteAllBytesAsync(path, [.. header.Bytes, .. new byte[header.PayloadBytes]]);
        var json = await ProcessRunner.RunCheckedAsync("exiftool", "-j", path);
        Assert.Equal("north-mast", JsonDocument.Parse(json.Output).RootElement[0].GetProperty("Station").GetString());
    }

    [Fact]
    public async Task A_lac_recording_is_refused_before_any_byte()
    {
        await using var recording = await ImportedRecording.CreateAsync(AudioGenerator.SineExpression(1, 1, 22050), "lac.wav",
            ["-c:a", "pcm_s16le"], new ImportRequest { Id = "lossless", SourcePath = "", Codec = AudioCodec.Lac });
        var reader = await recording.Archive.OpenRecordingAsync("lossless", CancellationToken.None);
        var output = new MemoryStream();
        var refusal = await Assert.ThrowsAsync<ExportNotPossibleException>(() =>
            M4aExport.WriteAsync(reader, 0, recording.Metadata.TotalSamples, output, CancellationToken.None));
        Assert.Equal("recording lossless is LAC (lossless); M4A carries AAC or Opus: export it as wav", refusal.Message);
        Assert.Equal(0, output.Length);
    }

    private static Task<ImportedRecording> ImportAsync(int rate, int channels, double seconds) =>
        ImportedRecording.CreateAsync(AudioGenerator.SineExpression(channels, seconds, rate), "source.wav", ["-c:a", "pcm_s16le"],
            new ImportRequest { Id = "rec", SourcePath = "", ChunkSeconds = 3, StartTime = Start });

    private static async Task<string> ExportAsync(ImportedRecording recording, long from, long to)
    {
        var path = recording.Directory.File(FormattableString.Invariant($"export-{from}-{to}.m4a"));
        var reader = await recording.Archive.OpenRecordingAsync(recording.Metadata.Id, CancellationToken.None);
        await using var file = File.Create(path);
        await M4aExport.WriteAsync(reader, from, to, file, CancellationToken.None);
        return path;
    }

    private static async Task AssertProbedAsync(string file, int rate, int channels, long samples)
    {
        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-show_entries",
            "stream=codec_type,codec_name,sample_rate,channels,duration_ts", "-of", "json", file);
        var streams = JsonDocument.Parse(probe.Output).RootElement.GetProperty("streams").EnumerateArray().ToArray();
        Assert.Equal(["audio", "data"], streams.Select(s => s.GetProperty("codec_type").GetString()!));
        var stream = streams[0];
        Assert.Equal("aac", stream.GetProperty("codec_name").GetString());
        Assert.Equal(rate.ToString(CultureInfo.InvariantCulture), stream.GetProperty("sample_rate").GetString());
        Assert.Equal(channels, stream.GetProperty("channels").GetInt32());
        Assert.Equal(samples, stream.GetProperty("duration_ts").GetInt64());

        // mediainfo (MediaArea's own parser) reads the same stream and the edited length.
        var info = await ProcessRunner.RunCheckedAsync("mediainfo", "--Output=JSON", file);
        var audio = JsonDocument.Parse(info.Output).RootElement.GetProperty("media").GetProperty("track").EnumerateArray()
            .Single(t => t.GetProperty("@type").GetString() == "Audio");
        Assert.Equal("AAC", audio.GetProperty("Format").GetString());
        Assert.Equal("LC", audio.GetProperty("Format_AdditionalFeatures").GetString());
        Assert.Equal(channels.ToString(CultureInfo.InvariantCulture), audio.GetProperty("Channels").GetString());
        Assert.Equal(rate.ToString(CultureInfo.InvariantCulture), audio.GetProperty("SamplingRate").GetString());
        // mediainfo keeps durations in whole milliseconds (its sample count is derived from them).
        double duration = double.Parse(audio.GetProperty("Duration").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(duration, (double)samples / rate - 0.0011, (double)samples / rate + 0.0011);
    }

    /// <summary>
    /// ffmpeg 5.1 decodes the last frame whole, so the end of the edit is checked in the box itself: it plays exactly
    /// the requested samples, from past priming, pre-roll and the offset into the first needed frame.
    /// </summary>
    private static void AssertEditList(string file, RecordingMetadata metadata, long from, long to)
    {
        var bytes = File.ReadAllBytes(file);
        Assert.True(EditListBox.TryParse(Mp4Boxes.Find(bytes, "moov", "trak", "edts", "elst").Span, out var edit));
        Assert.Equal(new EditListBox((ulong)(to - from), ExpectedMediaTime(metadata, from)), edit);
    }

    /// <summary>Priming, the pre-roll frame and the offset into the first needed frame: what the edit skips.</summary>
    private static long ExpectedMediaTime(RecordingMetadata metadata, long from)
    {
        long encoded = from + metadata.PrimingSamples;
        long firstFrame = from == 0 ? 0 : Math.Max(0, encoded / 1024 - 1);
        return encoded - firstFrame * 1024;
    }

    private static async Task AssertDecodesToSegmentAsync(ImportedRecording recording, string file, long from, long to)
    {
        int channels = recording.Metadata.Channels;
        var decoded = await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-i", file, "-f", "f32le", "-");
        var samples = Pcm.Floats(decoded.StandardOutput);
        var expected = new float[(to - from) * channels];
        await recording.Segments.ReadSamplesAsync(recording.Metadata.Id, from, (int)(to - from), expected, CancellationToken.None);
        Assert.True(samples.Length >= expected.Length, $"ffmpeg decoded {samples.Length / channels} samples, fewer than {to - from}");
        // Bit for bit: the same decoder from the same frames, so not one value may differ, not even a zero's sign.
        var expectedBits = MemoryMarshal.Cast<float, int>(expected);
        var decodedBits = MemoryMarshal.Cast<float, int>(samples.AsSpan(0, expected.Length));
        Assert.Equal(expected.Length, expectedBits.CommonPrefixLength(decodedBits)); // else: the index of the first difference
    }
}
