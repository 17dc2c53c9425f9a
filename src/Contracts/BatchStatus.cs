using System.Text.Json.Serialization;

namespace Hark.Contracts;

/// <summary>A batch as the archive keeps it (<c>batches/ID.json</c>) and <c>GET /batches/{id}</c> answers.</summary>
public sealed record BatchStatus
{
    public required string Id { get; init; }
    public required BatchPhase Phase { get; init; }
    public required int Concurrency { get; init; }
    public required DateTimeOffset Created { get; init; }
    public DateTimeOffset? Finished { get; init; }
    /// <summary>How every source is imported (its id and path unused).</summary>
    public required ImportRequest Template { get; init; }
    public required IReadOnlyList<BatchItem> Items { get; init; }

    public int Count(BatchItemState state) => Items.Count(i => i.State == state);

    /// <summary>Every item complete, skipped or failed.</summary>
    [JsonIgnore]
    public bool AllSettled => Items.All(i => i.State.IsSettled());
}

/// <summary>One source of a batch and the recording it becomes.</summary>
public sealed record BatchItem
{
    public required string Source { get; init; }
    public required string RecordingId { get; init; }
    public BatchItemState State { get; init; }
    public int ChunksDone { get; init; }
    public int ChunkCount { get; init; }
    /// <summary>The source's planned length once its import has planned it; 0 before.</summary>
    public double SourceSeconds { get; init; }
    /// <summary>Why it failed, or why it was skipped.</summary>
    public string? Reason { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<BatchPhase>))]
public enum BatchPhase : byte
{
    [JsonStringEnumMemberName("running")] Running = 1,
    [JsonStringEnumMemberName("finished")] Finished = 2,
}

[JsonConverter(typeof(JsonStringEnumConverter<BatchItemState>))]
public enum BatchItemState : byte
{
    [JsonStringEnumMemberName("pending")] Pending = 0,
    [JsonStringEnumMemberName("importing")] Importing = 1,
    [JsonStringEnumMemberName("complete")] Complete = 2,
    /// <summary>Already archived from a source with the same SHA-256: nothing to do.</summary>
    [JsonStringEnumMemberName("skipped")] Skipped = 3,
    [JsonStringEnumMemberName("failed")] Failed = 4,
}

public static class BatchItemStates
{
    public static bool IsSettled(this BatchItemState state) => state is BatchItemState.Complete or BatchItemState.Skipped or BatchItemState.Failed;

    public static string Name(this BatchItemState state) => state switch
    {
        BatchItemState.Importing => "importing",
        BatchItemState.Complete => "complete",
        BatchItemState.Skipped => "skipped",
        BatchItemState.Failed => "failed",
        _ => "pending",
    };
}
