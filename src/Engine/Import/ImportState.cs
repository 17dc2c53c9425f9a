namespace Hark.Engine.Import;

/// <summary>
/// A recording as its entity finds it on start: the group's metadata (null when the id is unknown) and, when an import
/// holds the id, that import's plan and recorded failure.
/// </summary>
public sealed record ImportState(RecordingMetadata? Metadata, ImportPlan? Plan, string? Failure)
{
    /// <summary>An import holds the id, has not failed, and its recording is not complete by it: carry on.</summary>
    public bool IsUnfinished => Plan is not null && Failure is null;
}
