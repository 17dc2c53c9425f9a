namespace Hark.Engine.Import;

/// <summary>
/// Where chunk n sits in the source, which samples its encoder reads, and which of its frames it keeps.
/// </summary>
/// <remarks>
/// An AAC encoder started mid-stream has no history: its first frames are poor, and a chunk that simply
/// starts at its boundary leaves a seam. So each chunk's encoder starts <see cref="LeadInFrames"/> frames
/// early and runs <see cref="TailFrames"/> frames late; with every chunk a multiple of the frame length,
/// local frame j of chunk n's encoder lands exactly where frame (inputStart / frameLength + j) of one
/// encoder over the whole source would, and the frames kept from the chunks join into that one stream.
/// </remarks>
public readonly record struct ChunkLayout(long ChunkSamples, int FrameSamples, int LeadInFrames, int TailFrames)
{
    public static ChunkLayout ForAac(long chunkSamples, int leadInFrames = LeadInFramesAac) => new(chunkSamples, 1024, leadInFrames, TailFramesAac);

    /// <summary>
    /// Opus packets of 960 samples with the same lead-in. No tail: packet k is emitted once input up to 960 (k + 1) is
    /// in, and libopus looks no further ahead than that, so the chunk's own samples are all its last packet needs.
    /// </summary>
    public static ChunkLayout ForOpus(long chunkSamples, int leadInFrames = LeadInFramesAac) => new(chunkSamples, 960, leadInFrames, 0);

    /// <summary>Lossless blocks are independent: no lead-in, no tail.</summary>
    public static ChunkLayout ForLac(long chunkSamples, int blockSamples) => new(chunkSamples, blockSamples, 0, 0);

    /// <summary>Chosen from the splice measurements in the import tests (see docs/import.md).</summary>
    public const int LeadInFramesAac = ImportRequest.DefaultLeadInFrames;
    public const int TailFramesAac = 4;

    public long SourceStart(int chunk) => chunk * ChunkSamples;

    public long SourceEnd(int chunk, long totalSamples) => Math.Min((chunk + 1) * ChunkSamples, totalSamples);

    public long InputStart(int chunk) => Math.Max(0, SourceStart(chunk) - (long)LeadInFrames * FrameSamples);

    public long InputEnd(int chunk, long totalSamples) =>
        Math.Min((chunk + 1) * ChunkSamples + (long)TailFrames * FrameSamples, totalSamples);

    /// <summary>Frames of the chunk's own encoder output to drop before the kept ones.</summary>
    public int SkipFrames(int chunk) => (int)((SourceStart(chunk) - InputStart(chunk)) / FrameSamples);

    /// <summary>Frames to keep; null for the last chunk, which keeps everything its encoder emits after the skip.</summary>
    public int? KeepFrames(int chunk, int chunkCount) =>
        chunk == chunkCount - 1 ? null : (int)(ChunkSamples / FrameSamples);

    public static int ChunkCountFor(long totalSamples, long chunkSamples) =>
        totalSamples <= 0 ? 1 : (int)((totalSamples + chunkSamples - 1) / chunkSamples);
}
