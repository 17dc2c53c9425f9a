namespace Hark.Engine.Import;

/// <summary>The source samples an AAC chunk encoder reads: from staging, or from a plain PCM source in place.</summary>
internal interface IChunkPcm
{
    /// <summary>The next sample (per channel) to be read.</summary>
    long Position { get; }

    /// <summary>Fills interleaved floats in [-1, 1); returns samples per channel, 0 at the end of the range.</summary>
    ValueTask<int> ReadAsync(Memory<float> interleaved, CancellationToken ct);
}
