namespace Hark.Engine.Stations;

/// <summary>
/// One stretch of a station's timeline: samples [<see cref="RecordingStart"/>, + <see cref="Count"/>) of a
/// recording, or (<see cref="Recording"/> null) a gap of <see cref="Count"/> samples of silence. <see cref="TimelineStart"/>
/// is where it sits, in samples from the timeline's start.
/// </summary>
public sealed record TimelinePiece(RecordingMetadata? Recording, long RecordingStart, long Count, long TimelineStart)
{
    public bool IsGap => Recording is null;

    public long TimelineEnd => TimelineStart + Count;
}
