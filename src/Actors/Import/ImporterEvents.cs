using Hark.Engine.Import;
using Hark.Messages;

namespace Hark.Actors.Import;

internal sealed record EncodeDone(ChunkJob Job, ChunkResult Result);

/// <param name="Superseded">The import lost its id (deleted, or taken over): no point trying the chunk again.</param>
/// <param name="Cancelled">This worker stopped the encode (the import was cancelled): nothing to report.</param>
internal sealed record EncodeFailed(ChunkJob Job, string Reason, bool Superseded, bool Cancelled);

internal sealed record AskExpired(int Attempt);
