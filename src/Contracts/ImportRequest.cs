namespace Hark.Contracts;

/// <summary>What a user asks for: import this file under this id.</summary>
public sealed record ImportRequest
{
    public required string Id { get; init; }
    public required string SourcePath { get; init; }
    public AudioCodec Codec { get; init; } = AudioCodec.Aac;
    /// <summary>Bit rate in bit/s (AAC, Opus); null = the codec's default (AAC 160k stereo, 128k mono; Opus 96k stereo, 64k mono).</summary>
    public int? BitRate { get; init; }
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
