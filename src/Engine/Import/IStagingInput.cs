using Hark.Media.Decode;
using Hark.Engine.Import.Sources;

namespace Hark.Engine.Import;

/// <summary>The source samples staging reads, front to back: a file decoded by ffmpeg, or a WAV stream on standard input.</summary>
internal interface IStagingInput : IAsyncDisposable
{
    /// <summary>Bits of the integers <see cref="ReadAsync(Memory{int}, CancellationToken)"/> gives (a sample's top bit is its sign).</summary>
    int BitsPerSample { get; }

    /// <summary>Fills interleaved integers; returns frames (samples per channel), 0 at the end.</summary>
    ValueTask<int> ReadAsync(Memory<int> interleaved, CancellationToken ct);

    /// <summary>Fills interleaved floats in [-1, 1) (float sources only); returns frames, 0 at the end.</summary>
    ValueTask<int> ReadAsync(Memory<float> interleaved, CancellationToken ct);
}

/// <summary>A file decoded by an ffmpeg process.</summary>
internal sealed class DecodedInput(PcmStream pcm) : IStagingInput
{
    public int BitsPerSample => pcm.BitsPerSample;

    public ValueTask<int> ReadAsync(Memory<int> interleaved, CancellationToken ct) => pcm.ReadAsync(interleaved, ct);

    public ValueTask<int> ReadAsync(Memory<float> interleaved, CancellationToken ct) => pcm.ReadAsync(interleaved, ct);

    public ValueTask DisposeAsync() => pcm.DisposeAsync();
}

/// <summary>
/// The WAV stream on standard input, read by Hark's own WAV reader on a worker thread (a pipe's read blocks). Disposing
/// leaves it open: its hash and size are read after staging.
/// </summary>
internal sealed class StandardInputPcm(StandardInputSource source) : IStagingInput
{
    public int BitsPerSample => source.Reader.Format.BitsPerSample;

    public ValueTask<int> ReadAsync(Memory<int> interleaved, CancellationToken ct) =>
        new(Task.Run(() => source.Reader.ReadFrames(interleaved.Span), ct));

    public ValueTask<int> ReadAsync(Memory<float> interleaved, CancellationToken ct) =>
        throw new NotSupportedException("standard input carries integer PCM");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
