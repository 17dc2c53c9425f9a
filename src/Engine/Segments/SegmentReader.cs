using System.Buffers;
using System.Runtime.CompilerServices;
using Hark.Codec.Lac;
using Hark.Media.Aac;
using Hark.Media.Opus;
using Hark.Storage;

namespace Hark.Engine.Segments;

/// <summary>
/// Reads samples S..S+N of a recording: index lookup, one range read of the frames, in-process decode, exact trim.
/// AAC starts one frame early (pre-roll) so the result equals the same samples of one sequential decode; Opus starts
/// 320 ms early with a fresh decoder (RFC 7845 asks for 80 ms or more), within a 16-bit step of a sequential decode
/// but not bit-identical with it (docs/opus.md).
/// </summary>
/// <param name="gate">Bounds this reader's decodes running at once; by default one per core. A node has one reader,
/// shared by its reader actors and its local reads, so the bound is the node's.</param>
public sealed class SegmentReader(RecordingCache recordings, AacDecoderPool? decoders = null, DecodeGate? gate = null) : ISegmentReader
{
    /// <summary>Samples per channel decoded per step of a long read, so memory stays small at any length.</summary>
    public const int BatchSamples = 1 << 16;

    private readonly AacDecoderPool _decoders = decoders ?? AacDecoderPool.Shared;
    private readonly DecodeGate _gate = gate ?? new DecodeGate(DecodeGate.DefaultTurns);

    /// <summary>A block codec keeps its channel buffers between blocks; one per thread saves them on every read.</summary>
    [ThreadStatic]
    private static LacBlockCodec? t_lacCodec;

    /// <summary>An Opus decoder per thread and channel count, reset before every read: creating one costs more than the reset.
    /// Each lives as long as its thread (a few tens of KB of libopus state; the pool's threads are few).</summary>
    [ThreadStatic]
    private static OpusDecoder?[]? t_opusDecoders;

    public RecordingCache Recordings => recordings;

    public DecodeGate Gate => _gate;

    public async Task<RecordingMetadata> GetRecordingAsync(string id, CancellationToken ct) =>
        (await recordings.GetAsync(id, ct)).Metadata;

    public ValueTask<int> ReadSamplesAsync(string id, long startSample, int count, Memory<float> interleaved, CancellationToken ct) =>
        WithCurrentReaderAsync(id, reader => ReadFloatsAsync(reader, startSample, count, interleaved, ct), ct);

    /// <summary>Integer samples of a LAC recording, exactly as imported.</summary>
    public ValueTask<int> ReadIntegerSamplesAsync(string id, long startSample, int count, Memory<int> interleaved, CancellationToken ct) =>
        WithCurrentReaderAsync(id, async reader =>
        {
            SegmentRange.Check(reader.Metadata, startSample, count);
            if (reader.Metadata.Codec != AudioCodec.Lac)
            {
                throw new InvalidOperationException($"recording '{id}' is lossy ({reader.Metadata.Codec.Name()}); read it as float");
            }
            await ReadLacAsync(reader, startSample, count, interleaved, ct);
            return count;
        }, ct);

    public async Task ReadSegmentAsync(string id, long startSample, long count, SegmentFormat format, Stream destination, CancellationToken ct)
    {
        var started = new StrongBox<bool>();
        // Once anything is sent, a stale reader cannot be swapped for a fresh one under the caller.
        await WithCurrentReaderAsync(id, async reader =>
        {
            await StreamAsync(reader, startSample, count, format, destination, started, ct);
            return true;
        }, ct, canRetry: () => !started.Value);
    }

    /// <summary>
    /// A cached reader can be stale: the recording deleted or replaced through another node, the news not here yet.
    /// Its read then finds its chunks gone; the recording is opened again and the read answered from what the archive
    /// holds now (a deleted one is not found).
    /// </summary>
    private async ValueTask<T> WithCurrentReaderAsync<T>(string id, Func<RecordingReader, ValueTask<T>> read, CancellationToken ct,
        Func<bool>? canRetry = null)
    {
        var reader = await recordings.GetAsync(id, ct);
        try
        {
            return await read(reader);
        }
        catch (RecordingChangedException) when (canRetry?.Invoke() ?? true)
        {
            recordings.Invalidate(reader);
            return await read(await recordings.GetAsync(id, ct));
        }
    }

    /// <summary>Batches of a long read decoded at once, each on its own core (within the <see cref="DecodeGate"/>), and written in order.</summary>
    public int ParallelBatches { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Streams the segment in batches of <see cref="BatchSamples"/>: each batch is an independent read (its own pre-roll),
    /// so up to <see cref="ParallelBatches"/> of them decode at once while the earliest is written, and the bytes are
    /// those of reading them one after another. Memory: that many batches. The header goes out only once the first
    /// batch is read, so a stale reader found on the first batch can still be replaced without the caller seeing anything.
    /// </summary>
    private async Task StreamAsync(RecordingReader reader, long startSample, long count, SegmentFormat format, Stream destination,
        StrongBox<bool> started, CancellationToken ct)
    {
        var meta = reader.Metadata;
        SegmentRange.Check(meta, startSample, count);
        var output = SegmentOutput.For(meta, format, count);
        int batch = (int)Math.Min(BatchSamples, count);
        int ahead = (int)Math.Min(Math.Max(1, ParallelBatches), (count + batch - 1) / batch);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var inFlight = new Queue<Task<DecodedBatch>>();
        long next = 0;
        try
        {
            while (next < count || inFlight.Count > 0)
            {
                while (inFlight.Count < ahead && next < count)
                {
                    long at = startSample + next;
                    int n = (int)Math.Min(batch, count - next);
                    // One at a time runs here; several go to the pool, or the first would decode before the others start.
                    inFlight.Enqueue(ahead == 1
                        ? DecodeAsync(reader, at, n, output.WantsIntegers, stop.Token)
                        : Task.Run(() => DecodeAsync(reader, at, n, output.WantsIntegers, stop.Token), stop.Token));
                    next += n;
                }
                using var decoded = await inFlight.Dequeue();
                if (!started.Value)
                {
                    started.Value = true;
                    await output.WriteHeaderAsync(destination, ct);
                }
                await decoded.WriteAsync(output, destination, ct);
            }
        }
        finally
        {
            // A failed write or decode ends the read: the decodes still running are stopped and their buffers returned.
            await stop.CancelAsync();
            foreach (var pending in inFlight)
            {
                try
                {
                    (await pending).Dispose();
                }
                catch (Exception e) when (e is OperationCanceledException || stop.IsCancellationRequested)
                {
                    // Its outcome no longer matters: the read has already failed or been cancelled.
                }
            }
        }
        await destination.FlushAsync(ct);
    }

    private async Task<DecodedBatch> DecodeAsync(RecordingReader reader, long startSample, int count, bool integers, CancellationToken ct)
    {
        int values = count * reader.Metadata.Channels;
        var batch = integers ? DecodedBatch.OfIntegers(values, count) : DecodedBatch.OfFloats(values, count);
        try
        {
            if (integers)
            {
                await ReadLacAsync(reader, startSample, count, batch.Integers, ct);
            }
            else
            {
                await ReadFloatsAsync(reader, startSample, count, batch.Floats, ct);
            }
            return batch;
        }
        catch
        {
            batch.Dispose();
            throw;
        }
    }

    private async ValueTask<int> ReadFloatsAsync(RecordingReader reader, long startSample, int count, Memory<float> interleaved, CancellationToken ct)
    {
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
        if (meta.Codec == AudioCodec.Opus)
        {
            return await ReadOpusAsync(reader, startSample, count, interleaved, ct);
        }
        var ints = ArrayPool<int>.Shared.Rent(count * meta.Channels);
        try
        {
            await ReadLacAsync(reader, startSample, count, ints, ct);
            float scale = 1f / (1L << (meta.BitDepth!.Value - 1)); // long: 1 << 31 is negative
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

    private async ValueTask<int> ReadAacAsync(RecordingReader reader, long startSample, int count, Memory<float> interleaved, CancellationToken ct)
    {
        var meta = reader.Metadata;
        var index = reader.Index;
        var plan = AacSegmentPlan.For(startSample, count, meta.PrimingSamples, index.FrameCount);
        int first = (int)plan.FirstFrame;
        await index.EnsureAsync(first, plan.FrameCount, ct);
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
            using var turn = await _gate.EnterAsync(ct);
            // A copied stream may use noise substitution, whose random generator a flush does not reset: a pooled
            // decoder would make the same read differ from call to call. A new decoder makes every read the same.
            var config = Convert.FromHexString(meta.AudioSpecificConfig!);
            var decoder = meta.Passthrough ? new AacDecoder(config, meta.SampleRate, meta.Channels) : _decoders.Rent(config, meta.SampleRate, meta.Channels);
            try
            {
                return AacSegmentDecoder.Decode(decoder, frames.AsSpan(0, bytes), sizes.AsSpan(0, plan.FrameCount),
                    plan.StartsWithPreRoll, plan.OffsetInFirstNeededFrame, count, interleaved.Span);
            }
            finally
            {
                if (meta.Passthrough)
                {
                    decoder.Dispose();
                }
                else
                {
                    _decoders.Return(decoder);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frames);
            ArrayPool<int>.Shared.Return(sizes);
        }
    }

    private async ValueTask<int> ReadOpusAsync(RecordingReader reader, long startSample, int count, Memory<float> interleaved, CancellationToken ct)
    {
        var meta = reader.Metadata;
        var index = reader.Index;
        var plan = OpusSegmentPlan.For(startSample, count, meta.PrimingSamples, index.FrameCount);
        int first = (int)plan.FirstPacket;
        await index.EnsureAsync(first, plan.PacketCount, ct);
        int bytes = reader.FrameBytes(first, plan.PacketCount);
        var packets = ArrayPool<byte>.Shared.Rent(bytes);
        var sizes = ArrayPool<int>.Shared.Rent(plan.PacketCount);
        try
        {
            await reader.ReadFramesAsync(first, plan.PacketCount, packets.AsMemory(0, bytes), ct);
            for (int i = 0; i < plan.PacketCount; i++)
            {
                sizes[i] = index.FrameSize(first + i);
            }
            using var turn = await _gate.EnterAsync(ct);
            // From here to the end the decode runs on this thread without awaiting: the thread's decoder is this read's.
            var decoders = t_opusDecoders ??= new OpusDecoder?[OpusFormat.MaxChannels + 1];
            var decoder = decoders[meta.Channels] ??= new OpusDecoder(meta.Channels);
            return OpusSegmentDecoder.Decode(decoder, packets.AsSpan(0, bytes), sizes.AsSpan(0, plan.PacketCount), plan.SkipSamples,
                count, interleaved.Span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(packets);
            ArrayPool<int>.Shared.Return(sizes);
        }
    }

    private async ValueTask ReadLacAsync(RecordingReader reader, long startSample, int count, Memory<int> interleaved, CancellationToken ct)
    {
        var meta = reader.Metadata;
        var index = reader.Index;
        int channels = meta.Channels;
        int blockSamples = meta.SamplesPerFrame;
        int first = (int)(startSample / blockSamples);
        int last = (int)((startSample + count - 1) / blockSamples);
        await index.EnsureAsync(first, last - first + 1, ct);
        int bytes = reader.FrameBytes(first, last - first + 1);
        var frames = ArrayPool<byte>.Shared.Rent(bytes);
        var block = ArrayPool<int>.Shared.Rent(blockSamples * channels);
        try
        {
            await reader.ReadFramesAsync(first, last - first + 1, frames.AsMemory(0, bytes), ct);
            using var turn = await _gate.EnterAsync(ct);
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
