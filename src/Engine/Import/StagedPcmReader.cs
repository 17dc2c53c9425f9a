using Hark.Codec.Lac;
using Hark.Storage.Staging;

namespace Hark.Engine.Import;

/// <summary>
/// Reads staged source PCM over [start, end) as interleaved floats, crossing chunk boundaries; decodes one
/// lossless block at a time from a window of a staged chunk read by range, so memory stays bounded whatever the range
/// and a lead-in or tail from a neighbouring chunk fetches only its own few blocks.
/// </summary>
internal sealed class StagedPcmReader(StagingArea staging, ImportPlan plan, long start, long end) : IChunkPcm
{
    private readonly LacBlockCodec _codec = new();
    private readonly int[] _block = new int[StagingCodec.BlockSamples * plan.Channels];
    private readonly float _scale = 1f / (1L << (plan.BitDepth - 1)); // long: 1 << 31 would be negative
    private StagedFramesWindow? _chunk;
    private int _chunkIndex = -1;
    private long _blockStart = -1;
    private int _blockFrames;
    private long _position = start;

    public long Position => _position;

    public async ValueTask<int> ReadAsync(Memory<float> interleaved, CancellationToken ct)
    {
        int channels = plan.Channels;
        int wanted = interleaved.Length / channels;
        int done = 0;
        while (done < wanted && _position < end)
        {
            if (!await EnsureBlockAsync(ct))
            {
                break;
            }
            int offset = (int)(_position - _blockStart);
            int take = (int)Math.Min(Math.Min(_blockFrames - offset, wanted - done), end - _position);
            var source = _block.AsSpan(offset * channels, take * channels);
            var destination = interleaved.Span.Slice(done * channels, take * channels);
            for (int i = 0; i < source.Length; i++)
            {
                destination[i] = source[i] * _scale;
            }
            done += take;
            _position += take;
        }
        return done;
    }

    /// <summary>Makes the block holding <see cref="_position"/> current; false at the end of the staged data.</summary>
    private async ValueTask<bool> EnsureBlockAsync(CancellationToken ct)
    {
        if (_blockStart >= 0 && _position >= _blockStart && _position < _blockStart + _blockFrames)
        {
            return true;
        }
        int chunk = (int)(_position / plan.ChunkSamples);
        if (chunk != _chunkIndex)
        {
            _chunk = await StagedFramesWindow.OpenAsync(staging, chunk, ct);
            if (_chunk is null)
            {
                return false;
            }
            _chunkIndex = chunk;
        }
        long inChunk = _position - chunk * plan.ChunkSamples;
        int block = (int)(inChunk / StagingCodec.BlockSamples);
        if (block >= _chunk!.FrameCount)
        {
            return false;
        }
        _blockFrames = _codec.DecodeBlock((await _chunk.FrameAsync(block, ct)).Span, plan.Channels, _block);
        _blockStart = chunk * plan.ChunkSamples + (long)block * StagingCodec.BlockSamples;
        return _position < _blockStart + _blockFrames;
    }
}
