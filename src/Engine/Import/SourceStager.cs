using System.Diagnostics;
using Hark.Codec.Lac;
using Hark.Storage.Staging;

namespace Hark.Engine.Import;

/// <summary>
/// Reads the source once (a file decoded by ffmpeg, or standard input) and writes it to staging as lossless chunks of
/// LAC blocks. Chunks an earlier, interrupted run already staged (or encoded) are decoded past but not written again.
/// With a <see cref="StagingWindow"/> it waits before running too far ahead of the encoders and deletes the chunks
/// they are done with, so staging holds a bounded number of chunks at any length.
/// </summary>
/// <param name="openInput">Opens the samples to stage: see <see cref="IStagingInput"/>.</param>
internal sealed class SourceStager(
    ImportPlan plan, Func<CancellationToken, Task<IStagingInput>> openInput, StagingArea staging, IReadOnlySet<int> alreadyStaged,
    Func<int, ValueTask> onChunkStaged, StagingWindow? window, IProgress<ImportProgress>? progress) : IAsyncDisposable
{
    private const int Block = StagingCodec.BlockSamples;

    private readonly LacBlockCodec _codec = new(StagingCodec.Fast);
    private readonly int[] _samples = new int[Block * plan.Channels];
    private readonly float[] _floats = plan.SourceIsFloat ? new float[Block * plan.Channels] : [];
    private readonly byte[] _encoded = new byte[LacBlockCodec.MaxBlockLength(Block, plan.Channels)];
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private IStagingInput? _pcm;
    private StagedFrames.Builder? _builder;
    private int _shift;

    public async Task<long> RunAsync(CancellationToken ct)
    {
        _pcm = await openInput(ct);
        _shift = plan.SourceIsFloat ? 0 : Math.Max(0, _pcm.BitsPerSample - plan.BitDepth);
        long total = 0;
        int chunk = 0;
        long inChunk = 0;
        var builder = NewChunk(chunk);
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            int frames = await ReadBlockAsync(ct);
            if (plan.PlayedSamples is { } played)
            {
                frames = (int)Math.Min(frames, Math.Max(0, played - total));
            }
            if (frames == 0)
            {
                break;
            }
            if (builder is not null)
            {
                int length = _codec.EncodeBlock(_samples.AsSpan(0, frames * plan.Channels), plan.Channels, _encoded);
                builder.Add(_encoded.AsSpan(0, length));
            }
            inChunk += frames;
            total += frames;
            if (total > (plan.StagingLimitSamples ?? long.MaxValue))
            {
                throw new ImportRefusedException(
                    $"{plan.SourceName} decodes to more than {plan.StagingLimitSamples} samples, longer than its probe said ({plan.DeclaredSamples?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "an estimate"}) or its size can hold; refused");
            }
            if (inChunk == plan.ChunkSamples)
            {
                await FinishChunkAsync(chunk, builder, inChunk, ct);
                chunk++;
                inChunk = 0;
                builder = NewChunk(chunk);
            }
            if (progress is not null && _watch.Elapsed - lastReport > TimeSpan.FromMilliseconds(250))
            {
                lastReport = _watch.Elapsed;
                progress.Report(new ImportProgress(total, plan.TotalSamples, 0, plan.ChunkCount, _watch.Elapsed, plan.SampleRate));
            }
        }
        if (inChunk > 0)
        {
            await FinishChunkAsync(chunk, builder, inChunk, ct);
        }
        if (total == 0)
        {
            throw new ImportRefusedException($"{plan.SourceName}: the audio stream holds no samples");
        }
        return total;
    }

    /// <summary>The one builder, emptied: a chunk's buffer is sized once (the PCM at its depth) and reused by every chunk.</summary>
    private StagedFrames.Builder? NewChunk(int chunk)
    {
        if (alreadyStaged.Contains(chunk))
        {
            return null;
        }
        if (_builder is null)
        {
            long pcmBytes = plan.ChunkSamples * plan.Channels * ((plan.BitDepth + 7) / 8);
            _builder = new StagedFrames.Builder(Block, (int)Math.Min(pcmBytes + pcmBytes / 16, 256 << 20));
        }
        _builder.Clear();
        return _builder;
    }

    private async Task FinishChunkAsync(int chunk, StagedFrames.Builder? builder, long samples, CancellationToken ct)
    {
        if (builder is not null)
        {
            builder.Samples = samples;
            await staging.PutPcmAsync(chunk, builder.ToArray(), ct);
        }
        await onChunkStaged(chunk);
        ct.ThrowIfCancellationRequested(); // a stopped import stops at the next chunk even when the source never makes it wait
        if (window is not null)
        {
            await window.WaitForRoomAsync(chunk + 1, ct);
            foreach (int done in window.TakeReleasable())
            {
                await staging.DeletePcmAsync(done, ct);
            }
        }
    }

    /// <summary>Fills one block (fewer frames only at the end of the source); integer samples at the staged depth.</summary>
    private async ValueTask<int> ReadBlockAsync(CancellationToken ct)
    {
        int channels = plan.Channels;
        int filled = 0;
        while (filled < Block)
        {
            int read = plan.SourceIsFloat
                ? await _pcm!.ReadAsync(_floats.AsMemory(filled * channels, (Block - filled) * channels), ct)
                : await _pcm!.ReadAsync(_samples.AsMemory(filled * channels, (Block - filled) * channels), ct);
            if (read == 0)
            {
                break;
            }
            filled += read;
        }
        var samples = _samples.AsSpan(0, filled * channels);
        if (plan.SourceIsFloat)
        {
            PcmQuantizer.ToInt24(_floats.AsSpan(0, filled * channels), samples);
        }
        else if (_shift > 0)
        {
            for (int i = 0; i < samples.Length; i++)
            {
                samples[i] >>= _shift;
            }
        }
        LacSampleRange.Keep(samples, plan);
        return filled;
    }

    public async ValueTask DisposeAsync()
    {
        if (_pcm is not null)
        {
            await _pcm.DisposeAsync();
        }
    }
}
