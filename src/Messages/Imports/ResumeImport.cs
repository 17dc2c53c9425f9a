using Akka.Actor;

namespace Hark.Messages;

/// <summary>
/// Starts a recording's entity if it is not running, so an import whose entity stopped (its shard moved, its node
/// died) carries on from the archive. No answer. Does not count as activity: an idle entity still passivates.
/// </summary>
public sealed record ResumeImport(string RecordingId) : IRecordingMessage, INotInfluenceReceiveTimeout;
