using System.Buffers;

namespace Hark.Engine.Segments;

/// <summary>One batch of a long segment read, decoded into a pooled buffer (floats, or integers for an exact LAC read) until written.</summary>
internal sealed class DecodedBatch : IDisposable
{
    private float[]? _floats;
    private int[]? _integers;

    private DecodedBatch(float[]? floats, int[]? integers, int values, int frames)
    {
        _floats = floats;
        _integers = integers;
        Values = values;
        Frames = frames;
    }

    /// <summary>Samples per channel.</summary>
    public int Frames { get; }

    public int Values { get; }

    public Memory<float> Floats => _floats.AsMemory(0, Values);

    public Memory<int> Integers => _integers.AsMemory(0, Values);

    public static DecodedBatch OfFloats(int values, int frames) => new(ArrayPool<float>.Shared.Rent(values), null, values, frames);

    public static DecodedBatch OfIntegers(int values, int frames) => new(null, ArrayPool<int>.Shared.Rent(values), values, frames);

    public ValueTask WriteAsync(SegmentOutput output, Stream destination, CancellationToken ct) =>
        _integers is not null ? output.WriteAsync(destination, Integers, ct) : output.WriteAsync(destination, Floats, ct);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _floats, null) is { } floats)
        {
            ArrayPool<float>.Shared.Return(floats);
        }
        if (Interlocked.Exchange(ref _integers, null) is { } integers)
        {
            ArrayPool<int>.Shared.Return(integers);
        }
    }
}
