using System.Buffers;
using Hark.Storage;

namespace Hark.Engine.Export;

/// <summary>
/// Reads stored frames [first, last] in batches of a few hundred, one range read each, into one pooled buffer: an
/// export of any length holds one batch in memory. A batch is valid until the next one is asked for.
/// </summary>
public static class StoredFrameBatches
{
    public const int FramesPerBatch = 256;

    /// <summary>One batch: its first frame, its frame count, and their bytes back to back.</summary>
    public readonly record struct Batch(int FirstFrame, int FrameCount, ReadOnlyMemory<byte> Bytes);

    public static async IAsyncEnumerable<Batch> ReadAsync(RecordingReader reader, int firstFrame, int lastFrame,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(FramesPerBatch * 2048);
        try
        {
            for (int frame = firstFrame; frame <= lastFrame; frame += FramesPerBatch)
            {
                int count = Math.Min(FramesPerBatch, lastFrame - frame + 1);
                await reader.Index.EnsureAsync(frame, count, ct);
                int bytes = reader.FrameBytes(frame, count);
                if (bytes > buffer.Length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(bytes);
                }
                await reader.ReadFramesAsync(frame, count, buffer.AsMemory(0, bytes), ct);
                yield return new Batch(frame, count, buffer.AsMemory(0, bytes));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
