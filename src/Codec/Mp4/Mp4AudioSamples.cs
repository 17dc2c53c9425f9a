using System.Buffers.Binary;

namespace Hark.Codec.Mp4;

/// <summary>
/// Where every sample of an MP4 file's sound track lies: its offset and size, from the track's sample table
/// (stsz, stsc, stco or co64). Reads the moov box only; Hark's own exports put it first, and a file without a sound
/// track or with a table it cannot follow is an <see cref="InvalidDataException"/>.
/// </summary>
public sealed class Mp4AudioSamples
{
    private Mp4AudioSamples(long[] offsets, int[] sizes)
    {
        Offsets = offsets;
        Sizes = sizes;
    }

    public IReadOnlyList<long> Offsets { get; }

    public IReadOnlyList<int> Sizes { get; }

    public int Count => Sizes.Count;

    /// <summary>Reads the top-level boxes of <paramref name="file"/> up to and including moov.</summary>
    public static Mp4AudioSamples Read(Stream file)
    {
        var header = new byte[16];
        while (true)
        {
            if (ReadFully(file, header.AsSpan(0, 8)) < 8)
            {
                throw new InvalidDataException("the MP4 file has no moov box");
            }
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            string type = System.Text.Encoding.Latin1.GetString(header, 4, 4);
            int headerLength = 8;
            if (size == 1)
            {
                ReadFully(file, header.AsSpan(8, 8));
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
                headerLength = 16;
            }
            if (size < headerLength)
            {
                throw new InvalidDataException($"MP4 box {type} has size {size}");
            }
            if (type == "moov")
            {
                if (size > 1 << 30)
                {
                    throw new InvalidDataException($"the moov box is {size} bytes");
                }
                var moov = new byte[size - headerLength];
                if (ReadFully(file, moov) < moov.Length)
                {
                    throw new InvalidDataException("the MP4 file ends inside its moov box");
                }
                return FromMoov(moov);
            }
            file.Seek(size - headerLength, SeekOrigin.Current);
        }
    }

    private static Mp4AudioSamples FromMoov(ReadOnlySpan<byte> moov)
    {
        foreach (var (type, start, length) in Children(moov))
        {
            if (type != "trak")
            {
                continue;
            }
            var mdia = Child(moov.Slice(start, length), "mdia");
            var hdlr = Child(mdia, "hdlr");
            if (hdlr.Length < 12 || !hdlr.Slice(8, 4).SequenceEqual("soun"u8))
            {
                continue;
            }
            var stbl = Child(Child(mdia, "minf"), "stbl");
            return FromSampleTable(stbl);
        }
        throw new InvalidDataException("the MP4 file has no sound track");
    }

    private static Mp4AudioSamples FromSampleTable(ReadOnlySpan<byte> stbl)
    {
        var stsz = Child(stbl, "stsz");
        uint uniform = BinaryPrimitives.ReadUInt32BigEndian(stsz[4..]);
        int count = checked((int)BinaryPrimitives.ReadUInt32BigEndian(stsz[8..]));
        var sizes = new int[count];
        for (int i = 0; i < count; i++)
        {
            sizes[i] = checked((int)(uniform != 0 ? uniform : BinaryPrimitives.ReadUInt32BigEndian(stsz[(12 + 4 * i)..])));
        }
        bool wide = TryChild(stbl, "co64", out var co);
        if (!wide)
        {
            co = Child(stbl, "stco");
        }
        int chunks = checked((int)BinaryPrimitives.ReadUInt32BigEndian(co[4..]));
        var stsc = Child(stbl, "stsc");
        int entries = checked((int)BinaryPrimitives.ReadUInt32BigEndian(stsc[4..]));
        var offsets = new long[count];
        int sample = 0;
        for (int chunk = 0; chunk < chunks && sample < count; chunk++)
        {
            long offset = wide ? (long)BinaryPrimitives.ReadUInt64BigEndian(co[(8 + 8 * chunk)..]) : BinaryPrimitives.ReadUInt32BigEndian(co[(8 + 4 * chunk)..]);
            int perChunk = SamplesPerChunk(stsc, entries, chunk + 1);
            for (int i = 0; i < perChunk && sample < count; i++)
            {
                offsets[sample] = offset;
                offset += sizes[sample++];
            }
        }
        if (sample < count)
        {
            throw new InvalidDataException($"the sample table places {sample} of {count} samples");
        }
        return new Mp4AudioSamples(offsets, sizes);
    }

    /// <summary>stsc: the last entry whose first chunk (1-based) is at or before <paramref name="chunk"/>.</summary>
    private static int SamplesPerChunk(ReadOnlySpan<byte> stsc, int entries, int chunk)
    {
        int perChunk = 0;
        for (int e = 0; e < entries; e++)
        {
            var entry = stsc[(8 + 12 * e)..];
            if (BinaryPrimitives.ReadUInt32BigEndian(entry) > (uint)chunk)
            {
                break;
            }
            perChunk = checked((int)BinaryPrimitives.ReadUInt32BigEndian(entry[4..]));
        }
        return perChunk;
    }

    private static ReadOnlySpan<byte> Child(ReadOnlySpan<byte> scope, string type) =>
        TryChild(scope, type, out var body) ? body : throw new InvalidDataException($"the MP4 file has no {type} box where one belongs");

    private static bool TryChild(ReadOnlySpan<byte> scope, string type, out ReadOnlySpan<byte> body)
    {
        foreach (var (childType, start, length) in Children(scope))
        {
            if (childType == type)
            {
                body = scope.Slice(start, length);
                return true;
            }
        }
        body = default;
        return false;
    }

    /// <summary>
    /// The boxes directly in <paramref name="scope"/>: type and where its body (after the header) lies in the scope,
    /// in order. Positions, not copies: a long recording's sample table is megabytes, nested five boxes deep.
    /// </summary>
    private static List<(string Type, int Start, int Length)> Children(ReadOnlySpan<byte> scope)
    {
        var children = new List<(string, int, int)>();
        int position = 0;
        while (position + 8 <= scope.Length)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(scope[position..]);
            int header = 8;
            if (size == 1 && position + 16 <= scope.Length)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(scope[(position + 8)..]);
                header = 16;
            }
            if (size < header || position + size > scope.Length)
            {
                throw new InvalidDataException("an MP4 box runs past its parent");
            }
            string type = System.Text.Encoding.Latin1.GetString(scope.Slice(position + 4, 4));
            // Sample entries and full boxes carry fields before their children; their bodies are handed out whole.
            children.Add((type, position + header, (int)size - header));
            position += (int)size;
        }
        return children;
    }

    private static int ReadFully(Stream stream, Span<byte> destination)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int read = stream.Read(destination[total..]);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }
}
