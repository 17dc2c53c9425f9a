using System.Globalization;

namespace Hark.Node.Api;

/// <summary>
/// The list route's filters beyond station and time (state, codec, text) and its page (offset, limit), applied to the
/// archive's listing before any recording's status is asked, so a page of 10,000 recordings costs one listing. A bad
/// value is a 400 naming the parameter.
/// </summary>
public sealed record RecordingFilter(RecordingPhase? State, AudioCodec? Codec, string? Text, int Offset, int? Limit)
{
    public const int MaxLimit = 1000;

    /// <summary>The response header with how many recordings matched before paging.</summary>
    public const string TotalCountHeader = "X-Total-Count";

    public static RecordingFilter Parse(string? state, string? codec, string? text, string? offset, string? limit)
    {
        RecordingPhase? phase = state switch
        {
            null => null,
            "importing" => RecordingPhase.Importing,
            "complete" => RecordingPhase.Complete,
            "failed" => RecordingPhase.Failed,
            _ => throw new ApiInputException($"query parameter \"state\" must be importing, complete or failed, not \"{PrintableText.Of(state)}\""),
        };
        AudioCodec? audio = null;
        if (codec is not null && !AudioCodecs.TryParse(codec, out audio))
        {
            throw new ApiInputException($"query parameter \"codec\" must be one of {AudioCodecs.NameList}, not \"{PrintableText.Of(codec)}\"");
        }
        return new RecordingFilter(phase, audio, string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
            Whole(offset, "offset", 0, int.MaxValue) ?? 0, Whole(limit, "limit", 1, MaxLimit));
    }

    public bool Matches(RecordingMetadata m) =>
        (State is null || m.State == State)
        && (Codec is null || m.Codec == Codec)
        && (Text is null || Contains(m.Id) || Contains(m.Station) || Contains(m.SourceName));

    /// <summary>The matching recordings in listing order, and how many matched before the page was cut.</summary>
    public (List<RecordingMetadata> Page, int Total) Apply(IEnumerable<RecordingMetadata> recordings)
    {
        var matching = recordings.Where(Matches).ToList();
        var page = matching.Skip(Offset).Take(Limit ?? int.MaxValue).ToList();
        return (page, matching.Count);
    }

    private bool Contains(string? field) => field is not null && field.Contains(Text!, StringComparison.OrdinalIgnoreCase);

    private static int? Whole(string? text, string name, int min, int max)
    {
        if (text is null)
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw new ApiInputException($"query parameter \"{name}\" must be a whole number from {min} to {max}, not \"{PrintableText.Of(text)}\"");
    }
}
