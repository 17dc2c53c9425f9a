namespace Hark.Node.Api;

/// <summary>The station and time-range query parameters of the list and station routes; a bad value is a 400 naming it.</summary>
public static class StationQueries
{
    /// <summary>Null when no parameter is given: every recording, in id order as before.</summary>
    public static StationQuery? Parse(string? station, string? from, string? to)
    {
        if (station is null && from is null && to is null)
        {
            return null;
        }
        if (station is not null && !StationName.IsValid(station))
        {
            throw new ApiInputException($"query parameter \"station\" {StationName.Rule}");
        }
        var query = new StationQuery(station, Instant(from, "from"), Instant(to, "to"));
        try
        {
            return query.Validated();
        }
        catch (ArgumentException e)
        {
            throw new ApiInputException(e.Message);
        }
    }

    /// <summary>An ISO-8601 time; one without an offset is UTC.</summary>
    public static DateTimeOffset? Instant(string? text, string name)
    {
        if (text is null)
        {
            return null;
        }
        return UtcText.TryParse(text, out var value)
            ? value
            : throw new ApiInputException($"query parameter \"{name}\" must be an ISO-8601 time, not \"{PrintableText.Of(text)}\"");
    }
}
