namespace Hark.Engine.Stations;

/// <summary>No complete recording of the station overlaps the range asked for.</summary>
public sealed class StationEmptyException(string station, DateTimeOffset from, DateTimeOffset to)
    : Exception($"station {station} has no complete recording between {UtcText.Of(from)} and {UtcText.Of(to)}")
{
    public string Station => station;
}
