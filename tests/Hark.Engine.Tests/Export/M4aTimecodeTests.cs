using System.Text.Json;
using Hark.Engine.Export;
using Hark.Engine.Import;
using Hark.Testing;

namespace Hark.Engine.Tests.Export;

/// <summary>
/// The timecode track of an M4A export, read by two programs that did not write it: ffprobe (a data stream tagged tmcd,
/// its `timecode` tag) and mediainfo (the "Time code" track's first frame). The timecode is the time of day (UTC) of
/// the first exported sample, at 50 frames per second at 48 kHz, wrapping at midnight.
/// </summary>
public sealed class M4aTimecodeTests
{
    [Theory]
    // The start of a recording, a range later in it (2.5 s in: frame 25 of that second), and one across midnight.
    [InlineData("2026-03-01T08:30:00Z", 0.0, "08:30:00:00")]
    [InlineData("2026-03-01T08:30:00Z", 2.5, "08:30:02:25")]
    [InlineData("2026-03-01T23:59:58.5Z", 2.52, "00:00:01:01")]
    public async Task Ffprobe_and_mediainfo_read_the_time_of_day_of_the_first_exported_sample(string start, double fromSeconds, string expected)
    {
        await using var recording = await ImportAsync(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
        long from = (long)Math.Round(fromSeconds * 48000);
        var file = await ExportAsync(recording, from);
        Assert.Equal(expected, await FfprobeTimecodeAsync(file));
        Assert.Equal(expected, await MediainfoTimecodeAsync(file));
    }

    [Fact]
    public async Task Without_a_start_time_there_is_no_timecode_track()
    {
        await using var recording = await ImportAsync(null);
        var file = await ExportAsync(recording, 0);
        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-show_entries", "stream=codec_type", "-of", "json", file);
        var stream = Assert.Single(JsonDocument.Parse(probe.Output).RootElement.GetProperty("streams").EnumerateArray());
        Assert.Equal("audio", stream.GetProperty("codec_type").GetString());
    }

    private static async Task<string?> FfprobeTimecodeAsync(string file)
    {
        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-show_entries",
            "stream=codec_type,codec_tag_string:stream_tags=timecode", "-of", "json", file);
        var streams = JsonDocument.Parse(probe.Output).RootElement.GetProperty("streams").EnumerateArray().ToArray();
        var data = Assert.Single(streams, s => s.GetProperty("codec_type").GetString() == "data");
        Assert.Equal("tmcd", data.GetProperty("codec_tag_string").GetString());
        return data.GetProperty("tags").GetProperty("timecode").GetString();
    }

    private static async Task<string?> MediainfoTimecodeAsync(string file)
    {
        var info = await ProcessRunner.RunCheckedAsync("mediainfo", "--Output=JSON", file);
        var tracks = JsonDocument.Parse(info.Output).RootElement.GetProperty("media").GetProperty("track").EnumerateArray();
        var timecode = Assert.Single(tracks, t => t.GetProperty("@type").GetString() == "Other");
        Assert.Equal("Time code", timecode.GetProperty("Type").GetString());
        Assert.Equal("50", timecode.GetProperty("FrameRate_Num").GetString());
        return timecode.GetProperty("TimeCode_FirstFrame").GetString();
    }

    private static Task<ImportedRecording> ImportAsync(DateTimeOffset? start) =>
        ImportedRecording.CreateAsync(AudioGenerator.SineExpression(1, 4, 48000), "source.wav", ["-c:a", "pcm_s16le"],
            new ImportRequest { Id = "timed", SourcePath = "", StartTime = start });

    private static async Task<string> ExportAsync(ImportedRecording recording, long from)
    {
        var path = recording.Directory.File(FormattableString.Invariant($"from-{from}.m4a"));
        var reader = await recording.Archive.OpenRecordingAsync(recording.Metadata.Id, CancellationToken.None);
        await using var file = File.Create(path);
        await M4aExport.WriteAsync(reader, from, recording.Metadata.TotalSamples, file, CancellationToken.None);
        return path;
    }
}
