namespace Hark.Contracts;

/// <summary>
/// The waveform of a whole recording at a coarse resolution, computed from the source while it is imported and
/// stored with the recording, so a page can draw a 72-hour recording without reading its audio. Column c covers
/// samples [c·SamplesPerColumn, (c+1)·SamplesPerColumn) and holds the lowest and highest sample of any channel there,
/// on a 16-bit scale (full scale is 32768, whatever the source's depth).
/// </summary>
public sealed record RecordingOverview(long SamplesPerColumn, short[] Min, short[] Max)
{
    /// <summary>Columns a stored overview holds at most: enough for any screen, small enough (32 KB) to fetch at once.</summary>
    public const int MaxColumns = 8192;

    public int Columns => Min.Length;
}
