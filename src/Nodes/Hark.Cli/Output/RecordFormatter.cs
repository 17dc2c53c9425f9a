using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hark.Node;

namespace Hark.Cli.Output;

/// <summary>
/// How every recording command prints what the front door answered: JSON with the names and values the node's HTTP
/// API writes for the same record (its serializer setup), and text lines drawn from the same records. A command
/// prints only through here, so its output cannot depend on where the answer came from.
/// </summary>
internal static class RecordFormatter
{
    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    /// <summary>One `hark ls` row.</summary>
    public static string ListRow(RecordingMetadata m) => string.Create(CultureInfo.InvariantCulture,
        $"{m.Id,-32} {m.State.Name(),-10} {m.Codec.Name(),-4} {m.SampleRate,6} Hz {m.Channels} ch {Formatting.Duration(m.DurationSeconds),14}{(m.FailureReason is null ? "" : "  " + m.FailureReason)}");

    /// <summary>`hark ls --station/--from/--to`: where each recording sits on the clock.</summary>
    public static string TimelineRow(RecordingMetadata m) => string.Create(CultureInfo.InvariantCulture,
        $"{m.Id,-32} {Instant(m.StartTime),-28} {Instant(StationQuery.EndOf(m)),-28} {Formatting.Duration(m.DurationSeconds),14}  {m.Station ?? "-"}");

    private static string Instant(DateTimeOffset? time) => time is { } t ? UtcText.Of(t) : "-";

    /// <summary>`hark info`: every field of the JSON form, sorted by name, one per line.</summary>
    public static IEnumerable<string> InfoLines(RecordingInfo info) =>
        JsonSerializer.SerializeToElement(info, Json).EnumerateObject()
            .OrderBy(field => field.Name, StringComparer.Ordinal)
            .Select(field => $"{field.Name,-22} {Text(field.Value)}");

    /// <summary>`hark verify`: one line when the recording is sound, else one per problem.</summary>
    public static IEnumerable<string> VerifyLines(VerificationReport report) => report.Valid
        ? [$"{report.Id}: ok ({report.FrameCount} frames, {report.AudioBytes} audio bytes in {report.AudioChunks} chunks, index {report.IndexBytes} bytes)"]
        : report.Problems.Select(problem => $"{report.Id}: {problem}");

    /// <summary>The line `hark import` ends a recording with.</summary>
    public static string ImportSummary(RecordingInfo info)
    {
        var m = info.Metadata;
        return string.Create(CultureInfo.InvariantCulture,
            $"{m.Id}: {Formatting.Duration(m.DurationSeconds)} ({m.TotalSamples} samples, {m.SampleRate} Hz" +
            $"{(m.SourceSampleRate is { } source ? $" resampled from {source} Hz" : "")}, {m.Channels} ch), " +
            $"{m.Codec.Name()}{(m.Passthrough ? " (copied, not re-encoded)" : "")} {Formatting.Bytes(info.AudioBytes)}, " +
            $"{info.RatioToPcm:F1}x smaller than {m.BitDepth ?? 16}-bit PCM{(m.Station is null ? "" : $", station {m.Station}")}");
    }

    /// <summary>One line when the source ended before its header's length: what is there was imported, and how much is not.</summary>
    public static string? ShortfallWarning(RecordingInfo info)
    {
        var m = info.Metadata;
        return m.ShortfallSamples is not { } shortfall ? null : string.Create(CultureInfo.InvariantCulture,
            $"warning: {m.SourceName ?? m.Id} ends {shortfall} samples ({Formatting.Duration((double)shortfall / m.SampleRate)}) before " +
            $"the {m.DeclaredSamples} its header states; imported the {m.TotalSamples} that are there");
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };

    private static JsonSerializerOptions CreateJsonOptions()
    {
        // Relaxed escaping: a terminal shows "+00:00" and non-ASCII file names as they are, not as \u escapes.
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        NodeHost.ConfigureJson(options);
        return options;
    }
}
