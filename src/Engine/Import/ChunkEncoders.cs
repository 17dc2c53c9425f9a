using Hark.Codec.Lac;
using Hark.Media.Encode;
using Hark.Storage.Staging;

namespace Hark.Engine.Import;

/// <summary>Turns one staged chunk into the frames the archive keeps.</summary>
internal static class ChunkEncoders
{
    /// <summary>
    /// Runs ffmpeg's AAC encoder over the chunk plus its lead-in and tail and keeps the frames that belong to
    /// the chunk itself (see <see cref="ChunkLayout"/>).
    /// </summary>
    public static async Task<StagedFrames.Builder> EncodeAacAsync(StagingArea staging, ImportPlan plan, int chunk, CancellationToken ct)
    {
        var layout = ChunkLayout.ForAac(plan.ChunkSamples, plan.LeadInFrames);
        bool isLast = plan.Staged && chunk == plan.ChunkCount - 1;
        long inputStart = layout.InputStart(chunk);
        long inputEnd = layout.InputEnd(chunk, plan.TotalSamples ?? long.MaxValue);
        int skip = layout.SkipFrames(chunk);
        int? keep = isLast ? null : (int)(plan.ChunkSamples / layout.FrameSamples);

        using var source = plan.SourcePcmOffset is null ? null : await SourcePcmReader.OpenAsync(plan, staging.ArchiveBlobs, inputStart, inputEnd, ct);
        long chunkStart = layout.SourceStart(chunk);
        var overview = new ChunkOverview(chunkStart, chunkStart + plan.ChunkSamples, plan.Channels);
        IChunkPcm reader = new OverviewTap(source ?? (IChunkPcm)new StagedPcmReader(staging, plan, inputStart, inputEnd), overview, plan.Channels);
        var builder = new StagedFrames.Builder(layout.FrameSamples) { Overview = overview };
        int local = 0;
        var settings = new AacEncoderSettings(plan.SampleRate, plan.Channels, plan.BitRate);
        await AacEncoder.EncodeAsync(settings, reader.ReadAsync, (frame, _) =>
        {
            if (local >= skip && (keep is null || local < skip + keep))
            {
                builder.Add(frame.Span);
            }
            local++;
            return ValueTask.CompletedTask;
        }, ct);

        builder.Samples = Math.Min(plan.ChunkSamples, reader.Position - chunkStart);
        if (keep is { } expected && builder.FrameCount != expected)
        {
            throw new InvalidOperationException(
                $"chunk {chunk} of '{plan.Id}': the encoder gave {builder.FrameCount} frames where {expected} belong (staged PCM incomplete?)");
        }
        return builder;
    }

    /// <summary>Re-encodes the staged blocks with the archive's full search (staging used a quick one).</summary>
    public static async Task<StagedFrames.Builder> EncodeLacAsync(StagingArea staging, ImportPlan plan, int chunk, CancellationToken ct)
    {
        if (plan.SourcePcmOffset is not null)
        {
            return await EncodeLacInPlaceAsync(staging, plan, chunk, ct);
        }
        var name = StagingArea.PcmName(chunk);
        var bytes = await staging.GetPcmAsync(chunk, ct)
            ?? throw new InvalidOperationException($"chunk {chunk} of '{plan.Id}' is not staged");
        var staged = StagedFrames.Parse(bytes, name);
        var codec = new LacBlockCodec(StagingCodec.Archive);
        var samples = new int[StagingCodec.BlockSamples * plan.Channels];
        var encoded = new byte[LacBlockCodec.MaxBlockLength(StagingCodec.BlockSamples, plan.Channels)];
        long start = chunk * plan.ChunkSamples;
        var overview = new ChunkOverview(start, start + plan.ChunkSamples, plan.Channels);
        var scratch = new float[samples.Length];
        var builder = new StagedFrames.Builder(StagingCodec.BlockSamples) { Samples = staged.Samples, Overview = overview };
        for (int i = 0; i < staged.FrameCount; i++)
        {
            int frames = codec.DecodeBlock(staged.Frame(i), plan.Channels, samples);
            overview.Add(samples.AsSpan(0, frames * plan.Channels), start + (long)i * StagingCodec.BlockSamples, plan.BitDepth, scratch);
            int length = codec.EncodeBlock(samples.AsSpan(0, frames * plan.Channels), plan.Channels, encoded);
            builder.Add(encoded.AsSpan(0, length));
        }
        return builder;
    }

    /// <summary>The same blocks from a plain PCM source read in place: 4096-sample blocks from the chunk's start.</summary>
    private static async Task<StagedFrames.Builder> EncodeLacInPlaceAsync(StagingArea staging, ImportPlan plan, int chunk, CancellationToken ct)
    {
        long start = chunk * plan.ChunkSamples;
        long end = Math.Min(start + plan.ChunkSamples, plan.TotalSamples!.Value);
        using var reader = await SourcePcmReader.OpenAsync(plan, staging.ArchiveBlobs, start, end, ct);
        var codec = new LacBlockCodec(StagingCodec.Archive);
        var samples = new int[StagingCodec.BlockSamples * plan.Channels];
        var encoded = new byte[LacBlockCodec.MaxBlockLength(StagingCodec.BlockSamples, plan.Channels)];
        var overview = new ChunkOverview(start, end, plan.Channels);
        var scratch = new float[samples.Length];
        var builder = new StagedFrames.Builder(StagingCodec.BlockSamples) { Samples = end - start, Overview = overview };
        int frames;
        while ((frames = await reader.ReadAsync(samples.AsMemory(), ct)) > 0)
        {
            overview.Add(samples.AsSpan(0, frames * plan.Channels), reader.Position - frames, plan.BitDepth, scratch);
            int length = codec.EncodeBlock(samples.AsSpan(0, frames * plan.Channels), plan.Channels, encoded);
            builder.Add(encoded.AsSpan(0, length));
        }
        return builder;
    }
}
