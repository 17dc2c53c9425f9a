namespace Hark.Engine.Import;

/// <summary>Passes a chunk encoder's PCM through unchanged, counting the chunk's own samples into its overview on the way.</summary>
internal sealed class OverviewTap(IChunkPcm inner, ChunkOverview overview, int channels) : IChunkPcm
{
    public long Position => inner.Position;

    public async ValueTask<int> ReadAsync(Memory<float> interleaved, CancellationToken ct)
    {
        long position = inner.Position;
        int frames = await inner.ReadAsync(interleaved, ct);
        overview.Add(interleaved.Span[..(frames * channels)], position);
        return frames;
    }
}
