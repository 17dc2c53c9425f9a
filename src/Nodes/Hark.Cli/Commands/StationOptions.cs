namespace Hark.Cli.Commands;

/// <summary>--station, --from and --to as one <see cref="StationQuery"/>; bad values are usage errors.</summary>
internal static class StationOptions
{
    /// <summary>Null when none of the three is given.</summary>
    public static StationQuery? Query(string? station, string? from, string? to)
    {
        if (station is null && from is null && to is null)
        {
            return null;
        }
        if (station is not null && !StationName.IsValid(station))
        {
            throw new UsageException($"--station {StationName.Rule}");
        }
        var query = new StationQuery(
            station,
            from is null ? null : Formatting.ParseInstant(from, "--from"),
            to is null ? null : Formatting.ParseInstant(to, "--to"));
        try
        {
            return query.Validated();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
