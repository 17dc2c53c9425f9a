using System.Buffers.Binary;

namespace Hark.Engine.Import;

/// <summary>
/// The fixed start of a staging frame file (see <see cref="StagedFrames"/>): "HKSF", u32 version = 1, u32 frame count,
/// u32 samples per frame, u64 samples; the frame sizes follow it.
/// </summary>
public readonly struct StagedFramesHeader(int frameCount, int samplesPerFrame, long samples)
{
    public const int Length = 24;

    private static ReadOnlySpan<byte> Magic => "HKSF"u8;

    public int FrameCount { get; } = frameCount;
    public int SamplesPerFrame { get; } = samplesPerFrame;

    /// <summary>Source samples per channel the frames carry.</summary>
    public long Samples { get; } = samples;

    /// <summary>Where the frames start: after the header and the u32 size of every frame.</summary>
    public long TableEnd => Length + 4L * FrameCount;

    /// <param name="name">The staging object, for the error.</param>
    public static StagedFramesHeader Parse(ReadOnlySpan<byte> data, string name)
    {
        if (data.Length < Length || !data[..4].SequenceEqual(Magic) || BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) != 1)
        {
            throw new InvalidDataException($"staging object {name} is not a frame file");
        }
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
        if (count > int.MaxValue / 4)
        {
            throw new InvalidDataException($"staging object {name} claims {count} frames");
        }
        return new StagedFramesHeader((int)count, (int)BinaryPrimitives.ReadUInt32LittleEndian(data[12..]),
            (long)BinaryPrimitives.ReadUInt64LittleEndian(data[16..]));
    }

    public void WriteTo(Span<byte> destination)
    {
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], (uint)FrameCount);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], (uint)SamplesPerFrame);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], (ulong)Samples);
    }
}
