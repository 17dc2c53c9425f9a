using System.Buffers.Binary;

namespace Hark.Codec.Lac;

/// <summary>What a .lac file holds, from its header and block records, without decoding any residual.</summary>
public sealed record LacFileSummary
{
    public required LacFileHeader Header { get; init; }
    public long FileBytes { get; init; }
    public int Blocks { get; init; }
    /// <summary>Samples per channel over the intact blocks.</summary>
    public long BlockSamples { get; init; }
    public int DamagedBlocks { get; init; }
    public long SkippedBytes { get; init; }
    /// <summary>Blocks per stereo mode, indexed by <see cref="LacStereoMode"/>.</summary>
    public IReadOnlyList<int> StereoModes { get; init; } = [];
    /// <summary>Frames per prediction order 0-32.</summary>
    public IReadOnlyList<int> PredictionOrders { get; init; } = [];
    public int Frames { get; init; }

    /// <summary>The PCM size at the file's bit depth (20-bit counted as 3 bytes, as WAV stores it).</summary>
    public long PcmBytes => BlockSamples * Header.Channels * ((Header.BitsPerSample + 7) / 8);
    public double CompressionRatio => PcmBytes == 0 ? 0 : (double)FileBytes / PcmBytes;
    public double MeanPredictionOrder => Frames == 0 ? 0 : PredictionOrders.Select((count, order) => (double)count * order).Sum() / Frames;

    /// <summary>Reads every record of a .lac stream (bounded memory) and counts what its headers say.</summary>
    public static LacFileSummary Inspect(Stream stream)
    {
        Span<byte> fileHeader = stackalloc byte[LacFileHeader.Length];
        int got = stream.ReadAtLeast(fileHeader, fileHeader.Length, throwOnEndOfStream: false);
        var header = LacFileHeader.Parse(fileHeader.Slice(0, got));
        var buffer = new byte[LacBlockRecord.Overhead + LacBlockCodec.MaxBlockLength(header.BlockSize, header.Channels)];
        var modes = new int[4];
        var orders = new int[LacFrameHeader.MaxPredictionOrder + 1];
        long bytes = LacFileHeader.Length, samples = 0, skipped = 0;
        int blocks = 0, damaged = 0, frames = 0;
        int have = 0;
        bool inGarbage = false;
        while (true)
        {
            have += stream.ReadAtLeast(buffer.AsSpan(have), buffer.Length - have, throwOnEndOfStream: false);
            if (have == 0)
            {
                break;
            }
            int consumed;
            if (LacBlockRecord.TryRead(buffer.AsSpan(0, have), header, out var record)
                && have >= LacBlockRecord.Overhead + record.BlockLength
                && LacBlockRecord.ComputeCrc(buffer, buffer.AsSpan(LacBlockRecord.PrefixLength, record.BlockLength))
                    == BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(LacBlockRecord.PrefixLength + record.BlockLength)))
            {
                var block = buffer.AsSpan(LacBlockRecord.PrefixLength, record.BlockLength);
                blocks++;
                samples += record.Samples;
                if (block[0] < modes.Length)
                {
                    modes[block[0]]++;
                }
                int position = LacBlockCodec.HeaderLength(header.Channels);
                for (int c = 0; c < header.Channels; c++)
                {
                    int length = (block[1 + 3 * c] << 16) | (block[2 + 3 * c] << 8) | block[3 + 3 * c];
                    if (position + length > block.Length)
                    {
                        damaged++;
                        break;
                    }
                    if (LacFrameHeader.ReadFixedFields(block.Slice(position, length), out int order, out _, out _, out _) == LacRejection.None)
                    {
                        orders[order]++;
                        frames++;
                    }
                    position += length;
                }
                consumed = LacBlockRecord.Overhead + record.BlockLength;
                inGarbage = false;
            }
            else
            {
                if (!inGarbage)
                {
                    damaged++;
                    inGarbage = true;
                }
                consumed = 1;
                skipped++;
            }
            bytes += consumed;
            Buffer.BlockCopy(buffer, consumed, buffer, 0, have - consumed);
            have -= consumed;
        }
        return new LacFileSummary
        {
            Header = header, FileBytes = bytes, Blocks = blocks, BlockSamples = samples, DamagedBlocks = damaged,
            SkippedBytes = skipped, StereoModes = modes, PredictionOrders = orders, Frames = frames,
        };
    }
}
