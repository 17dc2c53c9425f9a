namespace Hark.Messages;

/// <summary>
/// Published by an entity on the work topic while it has chunks nobody holds. Idle importers that hear it ask
/// the entity for work (<see cref="RequestWork"/>); the entity never pushes a job to a worker that did not ask.
/// </summary>
public sealed record WorkAvailable(string RecordingId) : IHarkMessage
{
    /// <summary>The distributed pub-sub topic every importer worker subscribes to.</summary>
    public const string Topic = "hark-import-work";
}
