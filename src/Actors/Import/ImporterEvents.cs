using Hark.Engine.Import;
using Hark.Messages;

namespace Hark.Actors.Import;

internal sealed record EncodeDone(ChunkJob Job, ChunkResult Result);

internal sealed record EncodeFailed(ChunkJob Job, string Reason);

internal sealed record AskExpired(int Attempt);
