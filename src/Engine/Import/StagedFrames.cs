using System.Buffers.Binary;

namespace Hark.Engine.Import;

/// <summary>
/// A staging object holding frames back to back with their sizes up front, so a reader can reach any frame
/// without scanning: used for staged PCM (lossless blocks) and for encoded chunks.
/// Layout (little-endian): the <see cref="StagedFramesHeader"/>, u32 sizes[count], then the frames; an encoded chunk may end with its <see cref="ChunkOverview"/>
/// (readers that do not look for it never reach it: the sizes end at the last frame).
/// </summary>
public sealed class StagedFrames
{
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
        var header = StagedFramesHeader.Parse(data, name);
        int count = header.FrameCount;
        if (header.TableEnd > data.Length)
        {
            throw new InvalidDataException($"staging object {name} is truncated");
        }
        var offsets = new int[count + 1];
        offsets[0] = (int)header.TableEnd;
        for (int i = 0; i < count; i++)
        {
            long next = offsets[i] + (long)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(StagedFramesHeader.Length + 4 * i));
            if (next > data.Length)
            {
                throw new InvalidDataException($"staging object {name} is truncated");
            }
            offsets[i + 1] = (int)next;
        }
        var overview = ChunkOverview.TryParse(data.AsSpan(offsets[count]), name);
        return new StagedFrames(data, offsets, header.SamplesPerFrame, header.Samples, overview);
    }

    /// <summary>Collects frames, then writes the whole object in one piece.</summary>
    /// <param name="capacity">The bytes the frames are expected to take: one buffer from the start, not a doubling series of them.</param>
    public sealed class Builder(int samplesPerFrame, int capacity = 0)
    {
        private readonly MemoryStream _payload = new(capacity);
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
            int tableEnd = StagedFramesHeader.Length + 4 * _sizes.Count;
            var data = new byte[tableEnd + _payload.Length + trailer];
            new StagedFramesHeader(_sizes.Count, samplesPerFrame, Samples).WriteTo(data);
            for (int i = 0; i < _sizes.Count; i++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(StagedFramesHeader.Length + 4 * i), (uint)_sizes[i]);
            }
            _payload.GetBuffer().AsSpan(0, (int)_payload.Length).CopyTo(data.AsSpan(tableEnd));
            Overview?.WriteTo(new MemoryStream(data, data.Length - trailer, trailer));
            return data;
        }

        /// <summary>Empties the builder for the next chunk, keeping its buffer.</summary>
        public void Clear()
        {
            _payload.SetLength(0);
            _sizes.Clear();
            Samples = 0;
            Overview = null;
        }
    }
}
