namespace Hark.Storage;

/// <summary>Where a recording is in its life: only <see cref="Complete"/> recordings are readable.</summary>
public enum RecordingState
{
    Importing,
    Complete,
    Failed,
}
