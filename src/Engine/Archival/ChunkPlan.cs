namespace Hark.Engine.Archival;

/// <summary>One chunk of a source: frames [StartSample, StartSample + SampleCount), and the TIFF it goes to.</summary>
public sealed record ChunkPlan(int Index, long StartSample, long SampleCount, string TiffName)
{
    public string ChunkId => $"chunk_{Index:D6}";

    /// <summary>A source cut into chunks of <paramref name="chunkSeconds"/> (rounded to whole frames); the last may be shorter.</summary>
    public static IReadOnlyList<ChunkPlan> For(ArchiveSource source, double chunkSeconds)
    {
        long perChunk = Math.Max(1, (long)Math.Round(chunkSeconds * source.SampleRate));
        int count = (int)Math.Max(1, (source.TotalFrames + perChunk - 1) / perChunk);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            long start = i * perChunk;
            return new ChunkPlan(i, start, Math.Min(perChunk, source.TotalFrames - start), $"{source.Name}_chunk_{i:D6}.tiff");
        })];
    }
}
