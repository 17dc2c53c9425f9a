using Akka.Actor;
using Hark.Engine.Import;

namespace Hark.Actors.Import;

// Messages a recording entity sends itself when its archive work finishes (never leave the node).

internal sealed record EntityLoaded(ImportState State);

internal sealed record EntityLoadFailed(string Reason);

internal sealed record Planned(ImportPlan Plan, IActorRef ReplyTo);

internal sealed record PlanRefused(string Reason, IActorRef ReplyTo);

internal sealed record ChunkStaged(string Token, int Chunk);

internal sealed record StagingDone(ImportPlan Plan);

internal sealed record StagingFailed(string Token, string Reason);

internal sealed record FailureRecorded(string Token, string Reason);

internal sealed record Deleted(bool Found, string? Error, IActorRef ReplyTo);

internal sealed record AnnounceTick
{
    public static readonly AnnounceTick Instance = new();
}

/// <summary>Sent by the shard instead of a PoisonPill when the entity's shard moves or its node leaves.</summary>
public sealed record HandOffStop
{
    public static readonly HandOffStop Instance = new();
}
