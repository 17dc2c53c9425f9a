using System.Buffers.Binary;
using System.Text;

namespace Hark.Codec.Tiff;

/// <summary>
/// Reads the pages of a little-endian TIFF or BigTIFF: each IFD's size, sample layout, strips and ImageDescription.
/// Bounded against hostile files: at most <see cref="MaxPages"/> pages, <see cref="MaxEntries"/> entries per IFD and
/// <see cref="MaxStrips"/> strips per page, IFD offsets that must lie inside the file and never repeat.
/// </summary>
public static class TiffReader
{
    public const int MaxPages = 64;
    public const int MaxEntries = 1024;
    public const int MaxStrips = 1 << 24;

    public static TiffHeader ReadHeader(Stream stream)
    {
        Span<byte> header = stackalloc byte[TiffHeader.BigLength];
        stream.Position = 0;
        int read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return TiffHeader.Parse(header.Slice(0, read));
    }

    public static IReadOnlyList<TiffPage> ReadPages(Stream stream)
    {
        var header = ReadHeader(stream);
        var pages = new List<TiffPage>();
        var seen = new HashSet<long>();
        for (long offset = header.FirstIfdOffset; offset != 0;)
        {
            if (pages.Count == MaxPages || !seen.Add(offset) || offset < header.Length || offset >= stream.Length)
            {
                throw new TiffFormatException($"IFD offset {offset} is not a directory of this {stream.Length}-byte file");
            }
            var (page, next) = ReadIfd(stream, offset, header.IsBig);
            pages.Add(page);
            offset = next;
        }
        return pages;
    }

    private static (TiffPage Page, long Next) ReadIfd(Stream stream, long offset, bool big)
    {
        stream.Position = offset;
        long count = big ? (long)ReadU64(stream) : ReadU16(stream);
        if (count < 1 || count > MaxEntries)
        {
            throw new TiffFormatException($"IFD at {offset} has {count} entries");
        }
        int entryLength = big ? 20 : 12;
        var entries = new byte[count * entryLength];
        stream.ReadExactly(entries);
        long next = big ? (long)ReadU64(stream) : ReadU32(stream);
        var values = new Dictionary<ushort, (TiffFieldType Type, long Count, long ValueAt, byte[] Inline)>();
        for (int i = 0; i < count; i++)
        {
            var entry = entries.AsSpan(i * entryLength, entryLength);
            ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(entry);
            var type = (TiffFieldType)BinaryPrimitives.ReadUInt16LittleEndian(entry.Slice(2));
            long n = big ? (long)BinaryPrimitives.ReadUInt64LittleEndian(entry.Slice(4)) : BinaryPrimitives.ReadUInt32LittleEndian(entry.Slice(4));
            var slot = entry.Slice(big ? 12 : 8);
            long at = big ? BinaryPrimitives.ReadInt64LittleEndian(slot) : BinaryPrimitives.ReadUInt32LittleEndian(slot);
            values[tag] = (type, n, at, slot.ToArray());
        }
        long[] Numbers(ushort tag, long maxCount)
        {
            if (!values.TryGetValue(tag, out var field))
            {
                throw new TiffFormatException($"IFD at {offset} lacks tag {tag}");
            }
            int size = field.Type switch
            {
                TiffFieldType.Short => 2,
                TiffFieldType.Long => 4,
                TiffFieldType.Long8 => 8,
                _ => throw new TiffFormatException($"tag {tag} has type {(int)field.Type}, not a whole number"),
            };
            if (field.Count < 1 || field.Count > maxCount)
            {
                throw new TiffFormatException($"tag {tag} has {field.Count} values");
            }
            var bytes = Bytes(stream, field.Count * size, field.ValueAt, field.Inline, big);
            var numbers = new long[field.Count];
            for (int i = 0; i < numbers.Length; i++)
            {
                var value = bytes.AsSpan(i * size, size);
                numbers[i] = size switch
                {
                    2 => BinaryPrimitives.ReadUInt16LittleEndian(value),
                    4 => BinaryPrimitives.ReadUInt32LittleEndian(value),
                    _ => BinaryPrimitives.ReadInt64LittleEndian(value),
                };
            }
            return numbers;
        }
        string? Text(ushort tag)
        {
            if (!values.TryGetValue(tag, out var field) || field.Type != TiffFieldType.Ascii)
            {
                return null;
            }
            if (field.Count > 1 << 24)
            {
                throw new TiffFormatException($"tag {tag} holds {field.Count} characters");
            }
            var bytes = Bytes(stream, field.Count, field.ValueAt, field.Inline, big);
            return Encoding.ASCII.GetString(bytes).TrimEnd('\0');
        }
        long width = Numbers(TiffTags.ImageWidth, 1)[0];
        long height = Numbers(TiffTags.ImageLength, 1)[0];
        int samples = values.ContainsKey(TiffTags.SamplesPerPixel) ? (int)Numbers(TiffTags.SamplesPerPixel, 1)[0] : 1;
        var bits = values.ContainsKey(TiffTags.BitsPerSample) ? Numbers(TiffTags.BitsPerSample, samples) : [1];
        long compression = values.ContainsKey(TiffTags.Compression) ? Numbers(TiffTags.Compression, 1)[0] : 1;
        var photometric = (TiffPhotometric)Numbers(TiffTags.PhotometricInterpretation, 1)[0];
        long rowsPerStrip = values.ContainsKey(TiffTags.RowsPerStrip) ? Numbers(TiffTags.RowsPerStrip, 1)[0] : height;
        var offsets = Numbers(TiffTags.StripOffsets, MaxStrips);
        var counts = Numbers(TiffTags.StripByteCounts, MaxStrips);
        if (offsets.Length != counts.Length)
        {
            throw new TiffFormatException($"{offsets.Length} strip offsets but {counts.Length} byte counts");
        }
        for (int s = 0; s < offsets.Length; s++)
        {
            if (offsets[s] < 0 || counts[s] < 0 || offsets[s] + counts[s] > stream.Length)
            {
                throw new TiffFormatException($"strip {s} ({counts[s]} bytes at {offsets[s]}) lies outside the {stream.Length}-byte file");
            }
        }
        var page = new TiffPage(width, height, samples, photometric, rowsPerStrip, offsets, counts, Text(TiffTags.ImageDescription))
        {
            BitsPerSample = (int)bits[0],
            Compression = (int)compression,
            Software = Text(TiffTags.Software),
        };
        return (page, next);
    }

    private static byte[] Bytes(Stream stream, long length, long valueAt, byte[] inline, bool big)
    {
        if (length <= (big ? 8 : 4))
        {
            return inline.AsSpan(0, (int)length).ToArray();
        }
        if (valueAt < 0 || valueAt + length > stream.Length)
        {
            throw new TiffFormatException($"{length} bytes of values at {valueAt} lie outside the file");
        }
        var bytes = new byte[length];
        stream.Position = valueAt;
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static ushort ReadU16(Stream stream)
    {
        Span<byte> b = stackalloc byte[2];
        stream.ReadExactly(b);
        return BinaryPrimitives.ReadUInt16LittleEndian(b);
    }

    private static uint ReadU32(Stream stream)
    {
        Span<byte> b = stackalloc byte[4];
        stream.ReadExactly(b);
        return BinaryPrimitives.ReadUInt32LittleEndian(b);
    }

    private static ulong ReadU64(Stream stream)
    {
        Span<byte> b = stackalloc byte[8];
        stream.ReadExactly(b);
        return BinaryPrimitives.ReadUInt64LittleEndian(b);
    }
}
