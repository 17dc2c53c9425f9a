namespace Hark.Engine.Archival;

/// <summary>One chunk's samples, read in order as interleaved integers at the source's bit depth.</summary>
public interface IFrameReader : IAsyncDisposable
{
    /// <summary>Fills up to interleaved.Length / channels frames; returns the frames read, 0 at the chunk's end.</summary>
    ValueTask<int> ReadAsync(Memory<int> interleaved, CancellationToken ct);
}
