namespace Hark.Contracts;

/// <summary>What a user asks for: import this file under this id.</summary>
public sealed record ImportRequest
{
    public required string Id { get; init; }
    public required string SourcePath { get; init; }
    /// <summary>Copy the source's packets, encode to a codec, or (the default) copy when the source allows it.</summary>
    public ImportCodec Codec { get; init; }
    /// <summary>Which audio stream of the source, counted from 0 among its audio streams.</summary>
    public int Stream { get; init; }
    /// <summary>The station the recording belongs to; null: the source's own "station" tag, if any.</summary>
    public string? Station { get; init; }
    /// <summary>Encoder bit rate in bit/s; null = the codec's default for the channel count (AAC 160k stereo, 128k mono;
    /// Opus 96k stereo, 64k mono, 48k a channel beyond).</summary>
    public int? BitRate { get; init; }
    /// <summary>How the source's file name gives its start time and station (<see cref="FileNamePattern"/>); null: the
    /// built-in recorder names (20260530_041200 and the like) when nothing else tells.</summary>
    public string? NamePattern { get; init; }
    /// <summary>Used when the source carries no start time of its own.</summary>
    public DateTimeOffset? StartTime { get; init; }
    public int ChunkSeconds { get; init; } = 120;
    public bool Replace { get; init; }
    /// <summary>LAC only: quantise a float source to 24-bit integers instead of refusing it.</summary>
    public bool QuantizeFloat { get; init; }
    /// <summary>Frames (AAC) or packets (Opus) each chunk's encoder runs before its chunk starts: enough for the encoder's state to settle,
    /// so the joined stream has frames where one encoder would put them (the engine's ChunkLayout).</summary>
    public int LeadInFrames { get; init; } = DefaultLeadInFrames;

    public const int DefaultLeadInFrames = 16;
}
