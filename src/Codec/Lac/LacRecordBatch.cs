using System.Buffers.Binary;

namespace Hark.Codec.Lac;

/// <summary>
/// A run of consecutive blocks of a .lac file, from interleaved samples to finished records (prefix, block, CRC).
/// Blocks are independent, so batches encode on any thread; the file writer writes them out in index order.
/// </summary>
internal sealed class LacRecordBatch
{
    private readonly int _blockSize;
    private readonly int _channels;
    private readonly int _maxRecord;

    public LacRecordBatch(int blockSize, int channels, int capacityBlocks)
    {
        _blockSize = blockSize;
        _channels = channels;
        _maxRecord = LacBlockRecord.Overhead + LacBlockCodec.MaxBlockLength(blockSize, channels);
        Samples = new int[capacityBlocks * blockSize * channels];
        Records = new byte[capacityBlocks * _maxRecord];
        RecordLengths = new int[capacityBlocks];
    }

    /// <summary>Interleaved input: whole blocks of the file's block size, the last one possibly shorter.</summary>
    public int[] Samples { get; }

    /// <summary>Samples per channel filled in <see cref="Samples"/>.</summary>
    public int SampleCount { get; set; }

    public int CapacitySamples => Samples.Length / _channels;

    /// <summary>The index of the batch's first block in the file.</summary>
    public uint FirstIndex { get; set; }

    public byte[] Records { get; }

    /// <summary>Per block, its record's length; record b starts at b times the largest record length.</summary>
    public int[] RecordLengths { get; }

    public int BlockCount => (SampleCount + _blockSize - 1) / _blockSize;

    /// <summary>Encodes every block into its record. Output depends on the samples and the options only.</summary>
    public void Encode(LacBlockCodec codec)
    {
        for (int b = 0; b < BlockCount; b++)
        {
            int first = b * _blockSize;
            int samples = Math.Min(_blockSize, SampleCount - first);
            var record = Records.AsSpan(b * _maxRecord, _maxRecord);
            int length = codec.EncodeBlock(Samples.AsSpan(first * _channels, samples * _channels), _channels,
                record.Slice(LacBlockRecord.PrefixLength));
            new LacBlockRecord(FirstIndex + (uint)b, length, samples).WriteTo(record);
            uint crc = LacBlockRecord.ComputeCrc(record, record.Slice(LacBlockRecord.PrefixLength, length));
            BinaryPrimitives.WriteUInt32BigEndian(record.Slice(LacBlockRecord.PrefixLength + length), crc);
            RecordLengths[b] = LacBlockRecord.Overhead + length;
        }
    }

    /// <summary>Record <paramref name="block"/>'s bytes, once encoded.</summary>
    public ReadOnlySpan<byte> Record(int block) => Records.AsSpan(block * _maxRecord, RecordLengths[block]);
}
