namespace Hark.Engine.Stations;

/// <summary>No complete recording of the station overlaps the range asked for.</summary>
public sealed class StationEmptyException(string station, DateTimeOffset from, DateTimeOffset to)
    : Exception($"station {station} has no complete recording between {from.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} and {to.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}")
{
    public string Station => station;
}
