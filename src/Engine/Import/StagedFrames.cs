using System.Buffers.Binary;

namespace Hark.Engine.Import;

/// <summary>
/// A staging object holding frames back to back with their sizes up front, so a reader can reach any frame
/// without scanning: used for staged PCM (lossless blocks) and for encoded chunks.
/// Layout (little-endian): "HKSF", u32 version = 1, u32 frame count, u32 samples per frame,
/// u64 samples, u32 sizes[count], then the frames; an encoded chunk may end with its <see cref="ChunkOverview"/>
/// (readers that do not look for it never reach it: the sizes end at the last frame).
/// </summary>
public sealed class StagedFrames
{
    private static ReadOnlySpan<byte> Magic => "HKSF"u8;
    private const int HeaderLength = 24;

    private readonly byte[] _data;
    private readonly int[] _offsets;

    private StagedFrames(byte[] data, int[] offsets, int samplesPerFrame, long samples, ChunkOverview? overview)
    {
        _data = data;
        _offsets = offsets;
        SamplesPerFrame = samplesPerFrame;
        Samples = samples;
        Overview = overview;
    }

    /// <summary>The chunk's share of the waveform overview, when its encoder made one.</summary>
    public ChunkOverview? Overview { get; }

    public int FrameCount => _offsets.Length - 1;
    public int SamplesPerFrame { get; }
    /// <summary>Source samples per channel the frames carry.</summary>
    public long Samples { get; }
    public long PayloadBytes => _offsets[^1] - _offsets[0];

    public ReadOnlySpan<byte> Frame(int index) => _data.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    public ReadOnlyMemory<byte> FrameMemory(int index) => _data.AsMemory(_offsets[index], _offsets[index + 1] - _offsets[index]);

    public static StagedFrames Parse(byte[] data, string name)
    {
        if (data.Length < HeaderLength || !data.AsSpan(0, 4).SequenceEqual(Magic) || BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(4)) != 1)
        {
            throw new InvalidDataException($"staging object {name} is not a frame file");
        }
        int count = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(8)));
        int samplesPerFrame = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(12));
        long samples = (long)BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(16));
        long tableEnd = HeaderLength + 4L * count;
        if (tableEnd > data.Length)
        {
            throw new InvalidDataException($"staging object {name} is truncated");
        }
        var offsets = new int[count + 1];
        offsets[0] = (int)tableEnd;
        for (int i = 0; i < count; i++)
        {
            long next = offsets[i] + (long)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(HeaderLength + 4 * i));
            if (next > data.Length)
            {
                throw new InvalidDataException($"staging object {name} is truncated");
            }
            offsets[i + 1] = (int)next;
        }
        var overview = ChunkOverview.TryParse(data.AsSpan(offsets[count]), name);
        return new StagedFrames(data, offsets, samplesPerFrame, samples, overview);
    }

    /// <summary>Collects frames, then writes the whole object in one piece.</summary>
    public sealed class Builder(int samplesPerFrame)
    {
        private readonly MemoryStream _payload = new();
        private readonly List<int> _sizes = [];

        public int FrameCount => _sizes.Count;
        public long PayloadBytes => _payload.Length;
        public long Samples { get; set; }

        /// <summary>Stored after the frames when set.</summary>
        public ChunkOverview? Overview { get; set; }

        public void Add(ReadOnlySpan<byte> frame)
        {
            _payload.Write(frame);
            _sizes.Add(frame.Length);
        }

        public byte[] ToArray()
        {
            int trailer = Overview is null ? 0 : ChunkOverview.LengthOf(Overview.Min.Length);
            var data = new byte[HeaderLength + 4 * _sizes.Count + _payload.Length + trailer];
            Magic.CopyTo(data);
            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), 1);
            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(8), (uint)_sizes.Count);
            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(12), (uint)samplesPerFrame);
            BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(16), (ulong)Samples);
            for (int i = 0; i < _sizes.Count; i++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(HeaderLength + 4 * i), (uint)_sizes[i]);
            }
            _payload.GetBuffer().AsSpan(0, (int)_payload.Length).CopyTo(data.AsSpan(HeaderLength + 4 * _sizes.Count));
            Overview?.WriteTo(new MemoryStream(data, data.Length - trailer, trailer));
            return data;
        }
    }
}
