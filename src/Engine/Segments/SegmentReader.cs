using System.Buffers;
using Hark.Codec.Lac;
using Hark.Media.Aac;
using Hark.Storage;

namespace Hark.Engine.Segments;

/// <summary>
/// Reads samples S..S+N of a recording: index lookup, one range read of the frames, in-process decode, exact trim.
/// AAC starts one frame early (pre-roll) so the result equals the same samples of one sequential decode.
/// </summary>
public sealed class SegmentReader(RecordingCache recordings, AacDecoderPool? decoders = null) : ISegmentReader
{
    /// <summary>Samples per channel decoded per step of a long read, so memory stays small at any length.</summary>
    public const int BatchSamples = 1 << 16;

    private readonly AacDecoderPool _decoders = decoders ?? AacDecoderPool.Shared;

    /// <summary>A block codec keeps its channel buffers between blocks; one per thread saves them on every read.</summary>
    [ThreadStatic]
    private static LacBlockCodec? t_lacCodec;

    public RecordingCache Recordings => recordings;

    public async Task<RecordingMetadata> GetRecordingAsync(string id, CancellationToken ct) =>
        (await recordings.GetAsync(id, ct)).Metadata;

    public async ValueTask<int> ReadSamplesAsync(string id, long startSample, int count, Memory<float> interleaved, CancellationToken ct)
    {
        var reader = await recordings.GetAsync(id, ct);
        var meta = reader.Metadata;
        SegmentRange.Check(meta, startSample, count);
        if ((long)count * meta.Channels > interleaved.Length)
        {
            throw new ArgumentException($"the buffer holds {interleaved.Length} values; {count} x {meta.Channels} are needed");
        }
        if (meta.Codec == AudioCodec.Aac)
        {
            return await ReadAacAsync(reader, startSample, count, interleaved, ct);
        }
        var ints = ArrayPool<int>.Shared.Rent(count * meta.Channels);
        try
        {
            await ReadLacAsync(reader, startSample, count, ints, ct);
            float scale = 1f / (1 << (meta.BitDepth!.Value - 1));
            var destination = interleaved.Span;
            for (int i = 0; i < count * meta.Channels; i++)
            {
                destination[i] = ints[i] * scale;
            }
            return count;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ints);
        }
    }

    /// <summary>Integer samples of a LAC recording, exactly as imported.</summary>
    public async ValueTask<int> ReadIntegerSamplesAsync(string id, long startSample, int count, Memory<int> interleaved, CancellationToken ct)
    {
        var reader = await recordings.GetAsync(id, ct);
        SegmentRange.Check(reader.Metadata, startSample, count);
        if (reader.Metadata.Codec != AudioCodec.Lac)
        {
            throw new InvalidOperationException($"recording '{id}' is lossy ({reader.Metadata.Codec.Name()}); read it as float");
        }
        await ReadLacAsync(reader, startSample, count, interleaved, ct);
        return count;
    }

    public async Task ReadSegmentAsync(string id, long startSample, long count, SegmentFormat format, Stream destination, CancellationToken ct)
    {
        var reader = await recordings.GetAsync(id, ct);
        var meta = reader.Metadata;
        SegmentRange.Check(meta, startSample, count);
        var output = SegmentOutput.For(meta, format, count);
        await output.WriteHeaderAsync(destination, ct);
        bool integers = output.WantsIntegers;
        int batch = (int)Math.Min(BatchSamples, count);
        var floats = integers ? [] : ArrayPool<float>.Shared.Rent(batch * meta.Channels);
        var ints = integers ? ArrayPool<int>.Shared.Rent(batch * meta.Channels) : [];
        try
        {
            for (long done = 0; done < count; done += batch)
            {
                int n = (int)Math.Min(batch, count - done);
                if (integers)
                {
                    await ReadLacAsync(reader, startSample + done, n, ints, ct);
                    await output.WriteAsync(destination, ints.AsMemory(0, n * meta.Channels), ct);
                }
                else
                {
                    await ReadSamplesAsync(id, startSample + done, n, floats, ct);
                    await output.WriteAsync(destination, floats.AsMemory(0, n * meta.Channels), ct);
                }
            }
        }
        finally
        {
            if (integers)
            {
                ArrayPool<int>.Shared.Return(ints);
            }
            else
            {
                ArrayPool<float>.Shared.Return(floats);
            }
        }
        await destination.FlushAsync(ct);
    }

    private async ValueTask<int> ReadAacAsync(RecordingReader reader, long startSample, int count, Memory<float> interleaved, CancellationToken ct)
    {
        var meta = reader.Metadata;
        var index = reader.Index;
        var plan = AacSegmentPlan.For(startSample, count, meta.PrimingSamples, index.FrameCount);
        int first = (int)plan.FirstFrame;
        int bytes = reader.FrameBytes(first, plan.FrameCount);
        var frames = ArrayPool<byte>.Shared.Rent(bytes);
        var sizes = ArrayPool<int>.Shared.Rent(plan.FrameCount);
        try
        {
            await reader.ReadFramesAsync(first, plan.FrameCount, frames.AsMemory(0, bytes), ct);
            for (int i = 0; i < plan.FrameCount; i++)
            {
                sizes[i] = index.FrameSize(first + i);
            }
            var decoder = _decoders.Rent(Convert.FromHexString(meta.AudioSpecificConfig!), meta.SampleRate, meta.Channels);
            try
            {
                return AacSegmentDecoder.Decode(decoder, frames.AsSpan(0, bytes), sizes.AsSpan(0, plan.FrameCount),
                    plan.StartsWithPreRoll, plan.OffsetInFirstNeededFrame, count, interleaved.Span);
            }
            finally
            {
                _decoders.Return(decoder);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frames);
            ArrayPool<int>.Shared.Return(sizes);
        }
    }

    private static async ValueTask ReadLacAsync(RecordingReader reader, long startSample, int count, Memory<int> interleaved, CancellationToken ct)
    {
        var meta = reader.Metadata;
        var index = reader.Index;
        int channels = meta.Channels;
        int blockSamples = meta.SamplesPerFrame;
        int first = (int)(startSample / blockSamples);
        int last = (int)((startSample + count - 1) / blockSamples);
        int bytes = reader.FrameBytes(first, last - first + 1);
        var frames = ArrayPool<byte>.Shared.Rent(bytes);
        var block = ArrayPool<int>.Shared.Rent(blockSamples * channels);
        try
        {
            await reader.ReadFramesAsync(first, last - first + 1, frames.AsMemory(0, bytes), ct);
            var codec = t_lacCodec ??= new LacBlockCodec();
            int position = 0;
            int written = 0;
            for (int f = first; f <= last; f++)
            {
                int size = index.FrameSize(f);
                int decoded = codec.DecodeBlock(frames.AsSpan(position, size), channels, block);
                position += size;
                long blockStart = (long)f * blockSamples;
                int from = (int)Math.Max(0, startSample - blockStart);
                int to = (int)Math.Min(decoded, startSample + count - blockStart);
                block.AsSpan(from * channels, (to - from) * channels).CopyTo(interleaved.Span.Slice(written * channels));
                written += to - from;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frames);
            ArrayPool<int>.Shared.Return(block);
        }
    }
}
