using System.Diagnostics;
using System.Globalization;
using Hark.Codec.Adts;
using Hark.Media.Opus;
using Hark.Media.Passthrough;
using Hark.Storage.Staging;

namespace Hark.Engine.Import;

/// <summary>
/// Stages a passthrough import: the source's packets, copied out of their container, go straight into the encoded
/// chunks (chunk n holds packets [n·F, (n+1)·F) for F packets a chunk), so there is nothing left to encode and the
/// import runs at the speed of reading the file. Chunks an interrupted run already wrote are read past. No length
/// bound is needed: every packet is bytes of the source, so staging never outgrows the file.
/// </summary>
/// <param name="sourceFile">The file to copy packets from: the plan's source, or a remote source's local copy.</param>
internal sealed class PacketStager(
    ImportPlan plan, string sourceFile, StagingArea staging, IReadOnlySet<int> alreadyCopied,
    Func<int, ValueTask> onChunkStaged, IProgress<ImportProgress>? progress)
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly int _frameSamples = plan.Codec == AudioCodec.Opus ? OpusFormat.SamplesPerPacket : AdtsHeader.SamplesPerRawDataBlock;
    private StagedFrames.Builder? _builder;
    private int _framesPerChunk;
    private int _chunk;
    private int _inChunk;
    private long _frames;
    private TimeSpan _lastReport;

    public async Task<CopiedStream> RunAsync(CancellationToken ct)
    {
        SourcePcmReader.EnsureUnchanged(plan);
        _framesPerChunk = checked((int)(plan.ChunkSamples / _frameSamples));
        _builder = NewChunk(0);
        CopiedStream copied;
        if (plan.Codec == AudioCodec.Opus)
        {
            var result = await OpusPacketCopy.CopyAsync(sourceFile, plan.AudioStream, async (packet, samples, token) =>
            {
                if (samples != _frameSamples)
                {
                    throw new ImportRefusedException(string.Create(CultureInfo.InvariantCulture,
                        $"{plan.SourceName}: Opus packet {_frames} lasts {samples / 48.0:0.#} ms; the archive stores Opus as 20-ms packets, so copy this source with --codec opus (re-encoding)"));
                }
                await AddAsync(packet, token);
            }, ct);
            copied = new CopiedStream(result.Packets, _frameSamples, null, result.Head);
        }
        else
        {
            var result = await AacPacketCopy.CopyAsync(sourceFile, plan.AudioStream, (frame, token) => AddAsync(frame, token), ct);
            copied = new CopiedStream(result.Frames, _frameSamples, result.AudioSpecificConfig, null);
        }
        if (_inChunk > 0)
        {
            await FinishChunkAsync(ct);
        }
        return copied;
    }

    private async ValueTask AddAsync(ReadOnlyMemory<byte> frame, CancellationToken ct)
    {
        _builder?.Add(frame.Span);
        _inChunk++;
        _frames++;
        if (_inChunk == _framesPerChunk)
        {
            await FinishChunkAsync(ct);
        }
        Report();
    }

    private StagedFrames.Builder? NewChunk(int chunk) =>
        alreadyCopied.Contains(chunk) ? null : new StagedFrames.Builder(_frameSamples);

    private async Task FinishChunkAsync(CancellationToken ct)
    {
        if (_builder is not null)
        {
            _builder.Samples = (long)_inChunk * _frameSamples;
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
            progress.Report(new ImportProgress(_frames * _frameSamples, plan.TotalSamples, 0, plan.ChunkCount, _watch.Elapsed, plan.SampleRate));
        }
    }
}
