using Akka.Actor;

namespace Hark.Messages;

/// <summary>
/// Starts a batch's entity if it is not running: it loads the batch from the archive and carries on from there, so
/// a batch whose node died resumes on its shard's new home. No answer; a running entity ignores it.
/// </summary>
public sealed record RunBatch(string BatchId) : IBatchMessage, INotInfluenceReceiveTimeout;
