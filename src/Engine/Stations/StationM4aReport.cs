namespace Hark.Engine.Stations;

/// <summary>What a station M4A export wrote: its frames, and how far (in samples) the worst-placed recording sits from its true time.</summary>
public sealed record StationM4aReport(int Frames, long MaxPlacementErrorSamples);
