using System.Diagnostics;
using Hark.Codec.Adts;
using Hark.Media.Passthrough;
using Hark.Media.Probe;
using Hark.Storage.Staging;

namespace Hark.Engine.Import;

/// <summary>
/// Stages a passthrough import: the source's packets, copied out of their container, go straight into the encoded
/// chunks (chunk n holds frames [n·F, (n+1)·F) for F frames a chunk), so there is nothing left to encode and the
/// import runs at the speed of reading the file. Chunks an interrupted run already wrote are read past. No length
/// bound is needed: every frame is bytes of the source, so staging never outgrows the file.
/// </summary>
internal sealed class PacketStager(
    ImportPlan plan, StagingArea staging, IReadOnlySet<int> alreadyCopied,
    Func<int, ValueTask> onChunkStaged, IProgress<ImportProgress>? progress)
{
    private const int FrameSamples = AdtsHeader.SamplesPerRawDataBlock;

    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly int _framesPerChunk = checked((int)(plan.ChunkSamples / FrameSamples));
    private StagedFrames.Builder? _builder;
    private int _chunk;
    private int _inChunk;
    private long _frames;
    private TimeSpan _lastReport;

    /// <summary>Copies every packet; returns the frame count and the stream's AudioSpecificConfig.</summary>
    public async Task<(long Frames, byte[] AudioSpecificConfig)> RunAsync(CancellationToken ct)
    {
        var source = await MediaProbe.ProbeAsync(plan.SourcePath, plan.AudioStream, ct);
        if (source.SizeBytes != plan.SourceSize)
        {
            throw new ImportRefusedException($"{plan.SourceName} changed since the import was planned ({plan.SourceSize} bytes then, {source.SizeBytes} now)");
        }
        _builder = NewChunk(0);
        var copy = await AacPacketCopy.CopyAsync(source, async (frame, token) =>
        {
            _builder?.Add(frame.Span);
            _inChunk++;
            _frames++;
            if (_inChunk == _framesPerChunk)
            {
                await FinishChunkAsync(token);
            }
            Report();
        }, ct);
        if (_inChunk > 0)
        {
            await FinishChunkAsync(ct);
        }
        return (copy.Frames, copy.AudioSpecificConfig);
    }

    private StagedFrames.Builder? NewChunk(int chunk) =>
        alreadyCopied.Contains(chunk) ? null : new StagedFrames.Builder(FrameSamples);

    private async Task FinishChunkAsync(CancellationToken ct)
    {
        if (_builder is not null)
        {
            _builder.Samples = (long)_inChunk * FrameSamples;
            await staging.PutEncodedAsync(_chunk, _builder.ToArray(), ct);
        }
        await onChunkStaged(_chunk);
        _chunk++;
        _inChunk = 0;
        _builder = NewChunk(_chunk);
    }

    private void Report()
    {
        if (progress is not null && _watch.Elapsed - _lastReport > TimeSpan.FromMilliseconds(250))
        {
            _lastReport = _watch.Elapsed;
            progress.Report(new ImportProgress(_frames * FrameSamples, plan.TotalSamples, 0, plan.ChunkCount, _watch.Elapsed, plan.SampleRate));
        }
    }
}
