using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Hark.Engine.Import;

/// <summary>
/// One chunk's share of the recording's waveform overview, made by its encoder from the samples it reads anyway:
/// per column of <see cref="ColumnSamples"/> source samples, the lowest and highest sample of any channel. Columns are
/// counted from the start of the recording, so a chunk's first and last column may be partial; the join at commit
/// (<see cref="OverviewJoin"/>) merges them, since min and max care nothing for order. Only samples inside the
/// chunk's own range count: an encoder's lead-in and tail belong to its neighbours.
/// Stored after the frames of the chunk's encoded staging object (<see cref="StagedFrames"/>), so it costs no extra
/// request and is never out of step with the frames. Layout (little-endian): "HKOV", u32 version = 1,
/// u64 first column, u32 samples per column, u32 columns, then i16 min and i16 max per column.
/// </summary>
public sealed class ChunkOverview
{
    /// <summary>Fine enough that a 10-minute recording gets thousands of columns; the join coarsens long ones.</summary>
    public const int ColumnSamples = 4096;

    private static ReadOnlySpan<byte> Magic => "HKOV"u8;
    private const int HeaderLength = 24;

    private readonly long _start;
    private readonly long _end;
    private readonly int _channels;
    private readonly List<float> _min = [];
    private readonly List<float> _max = [];

    /// <summary>An empty overview of the chunk covering source samples [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public ChunkOverview(long start, long end, int channels)
    {
        _start = start;
        _end = end;
        _channels = channels;
        FirstColumn = start / ColumnSamples;
    }

    private ChunkOverview(long firstColumn, short[] min, short[] max)
    {
        FirstColumn = firstColumn;
        _fixedMin = min;
        _fixedMax = max;
    }

    private short[]? _fixedMin;
    private short[]? _fixedMax;

    public long FirstColumn { get; }

    /// <summary>Each column's lowest sample on the 16-bit scale; fixed at the first look, so read it once the chunk is done.</summary>
    public short[] Min => _fixedMin ??= [.. _min.Select(ToShort)];

    public short[] Max => _fixedMax ??= [.. _max.Select(ToShort)];

    /// <summary>Counts interleaved floats in [-1, 1) whose first frame is source sample <paramref name="position"/>.</summary>
    public void Add(ReadOnlySpan<float> interleaved, long position)
    {
        long frames = interleaved.Length / _channels;
        long from = Math.Max(position, _start);
        long to = Math.Min(position + frames, _end);
        while (from < to)
        {
            long column = from / ColumnSamples;
            long columnEnd = Math.Min((column + 1) * ColumnSamples, to);
            var span = interleaved.Slice((int)(from - position) * _channels, (int)(columnEnd - from) * _channels);
            var (low, high) = MinMax(span);
            Merge((int)(column - FirstColumn), low, high);
            from = columnEnd;
        }
    }

    /// <summary>Counts interleaved integer samples of <paramref name="bitDepth"/> bits.</summary>
    public void Add(ReadOnlySpan<int> interleaved, long position, int bitDepth, Span<float> scratch)
    {
        float scale = 1f / (1L << (bitDepth - 1));
        while (!interleaved.IsEmpty)
        {
            int take = Math.Min(interleaved.Length, scratch.Length / _channels * _channels);
            for (int i = 0; i < take; i++)
            {
                scratch[i] = interleaved[i] * scale;
            }
            Add(scratch[..take], position);
            interleaved = interleaved[take..];
            position += take / _channels;
        }
    }

    /// <summary>Writes the stored form (what <see cref="TryParse"/> reads).</summary>
    public void WriteTo(Stream destination)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], (ulong)FirstColumn);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], ColumnSamples);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)Min.Length);
        destination.Write(header);
        Span<byte> pair = stackalloc byte[4];
        for (int c = 0; c < Min.Length; c++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(pair, Min[c]);
            BinaryPrimitives.WriteInt16LittleEndian(pair[2..], Max[c]);
            destination.Write(pair);
        }
    }

    public static int LengthOf(int columns) => HeaderLength + 4 * columns;

    /// <summary>The overview stored at the end of a staging object, or null when there is none (chunks encoded before overviews).</summary>
    public static ChunkOverview? TryParse(ReadOnlySpan<byte> trailer, string name)
    {
        if (trailer.Length < HeaderLength || !trailer[..4].SequenceEqual(Magic))
        {
            return null;
        }
        long columns = BinaryPrimitives.ReadUInt32LittleEndian(trailer[20..]);
        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) != 1 || BinaryPrimitives.ReadUInt32LittleEndian(trailer[16..]) != ColumnSamples
            || trailer.Length != HeaderLength + 4 * columns)
        {
            throw new InvalidDataException($"staging object {name} has a damaged overview");
        }
        var min = new short[columns];
        var max = new short[columns];
        for (int c = 0; c < columns; c++)
        {
            min[c] = BinaryPrimitives.ReadInt16LittleEndian(trailer[(HeaderLength + 4 * c)..]);
            max[c] = BinaryPrimitives.ReadInt16LittleEndian(trailer[(HeaderLength + 4 * c + 2)..]);
        }
        return new ChunkOverview((long)BinaryPrimitives.ReadUInt64LittleEndian(trailer[8..]), min, max);
    }

    private void Merge(int column, float low, float high)
    {
        while (_min.Count <= column)
        {
            _min.Add(float.PositiveInfinity);
            _max.Add(float.NegativeInfinity);
        }
        _min[column] = Math.Min(_min[column], low);
        _max[column] = Math.Max(_max[column], high);
    }

    private static (float Min, float Max) MinMax(ReadOnlySpan<float> values)
    {
        var low = new Vector<float>(float.PositiveInfinity);
        var high = new Vector<float>(float.NegativeInfinity);
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        foreach (var vector in vectors)
        {
            low = Vector.Min(low, vector);
            high = Vector.Max(high, vector);
        }
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        for (int i = 0; i < Vector<float>.Count; i++)
        {
            min = Math.Min(min, low[i]);
            max = Math.Max(max, high[i]);
        }
        for (int i = vectors.Length * Vector<float>.Count; i < values.Length; i++)
        {
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }
        return (min, max);
    }

    /// <summary>Floor, as an integer source's low bits are dropped; a column no sample reached (none should) is 0.</summary>
    private static short ToShort(float value) =>
        float.IsInfinity(value) ? (short)0 : (short)Math.Clamp((int)MathF.Floor(value * 32768f), short.MinValue, short.MaxValue);
}
