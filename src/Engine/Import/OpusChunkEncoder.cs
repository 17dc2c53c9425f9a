using Hark.Media.Opus;
using Hark.Storage.Staging;

namespace Hark.Engine.Import;

/// <summary>
/// Encodes one chunk to Opus packets in process (libopus), with the chunk layout AAC uses: the encoder starts
/// <see cref="ChunkLayout.LeadInFrames"/> packets early so its state has settled by the chunk's first packet, and
/// local packet j lands where packet (inputStart / 960 + j) of one encoder over the whole source would.
/// </summary>
internal static class OpusChunkEncoder
{
    public static async Task<StagedFrames.Builder> EncodeAsync(StagingArea staging, ImportPlan plan, int chunk, CancellationToken ct)
    {
        var layout = ChunkLayout.ForOpus(plan.ChunkSamples, plan.LeadInFrames);
        bool isLast = plan.Staged && chunk == plan.ChunkCount - 1;
        long inputStart = layout.InputStart(chunk);
        long inputEnd = layout.InputEnd(chunk, plan.TotalSamples ?? long.MaxValue);
        int skip = layout.SkipFrames(chunk);
        int channels = plan.Channels;
        // The last chunk runs on past the source, on silence, until the packets cover its last sample plus the pre-skip.
        long packets = isLast
            ? OpusFormat.PacketsFor(plan.TotalSamples!.Value) - inputStart / OpusFormat.SamplesPerPacket
            : skip + plan.ChunkSamples / OpusFormat.SamplesPerPacket;

        using var source = plan.SourcePcmOffset is null ? null : await SourcePcmReader.OpenAsync(plan, staging.ArchiveBlobs, inputStart, inputEnd, ct);
        long chunkStart = layout.SourceStart(chunk);
        var overview = new ChunkOverview(chunkStart, chunkStart + plan.ChunkSamples, channels);
        IChunkPcm reader = new OverviewTap(source ?? (IChunkPcm)new StagedPcmReader(staging, plan, inputStart, inputEnd), overview, channels);
        using var encoder = new OpusEncoder(channels, plan.BitRate ?? OpusFormat.DefaultBitRate(channels));
        if (encoder.Lookahead != OpusFormat.PreSkip)
        {
            throw new InvalidOperationException(
                $"{OpusEncoder.LibraryVersion} delays by {encoder.Lookahead} samples, not the {OpusFormat.PreSkip} Hark's Opus recordings are laid out for");
        }
        var builder = new StagedFrames.Builder(OpusFormat.SamplesPerPacket) { Overview = overview };
        var frame = new float[OpusFormat.SamplesPerPacket * channels];
        var packet = new byte[OpusFormat.MaxPacketBytesFor(channels)];
        for (long local = 0; local < packets; local++)
        {
            int filled = 0;
            while (filled < OpusFormat.SamplesPerPacket)
            {
                int read = await reader.ReadAsync(frame.AsMemory(filled * channels), ct);
                if (read == 0)
                {
                    break;
                }
                filled += read;
            }
            if (filled < OpusFormat.SamplesPerPacket && !isLast)
            {
                throw new InvalidOperationException(
                    $"chunk {chunk} of '{plan.Id}': the source ended at sample {reader.Position}, inside the chunk (staged PCM incomplete?)");
            }
            frame.AsSpan(filled * channels).Clear();
            int length = encoder.Encode(frame, packet);
            if (local >= skip)
            {
                builder.Add(packet.AsSpan(0, length));
            }
        }
        builder.Samples = Math.Min(plan.ChunkSamples, reader.Position - chunkStart);
        return builder;
    }
}
