using System.Buffers.Binary;
using System.Text;

namespace Hark.Codec.Tiff;

/// <summary>
/// Writes a file's directory after its pixel data: each page's IFD, its out-of-line values right after it, the IFDs
/// chained in order, then the header (at the file's start) pointed at the first. Writing the data first is what
/// lets a page's bytes stream into the file before their length is known.
/// </summary>
public static class TiffIfdWriter
{
    /// <summary>Writes a header whose first-IFD offset is 0 (no directory yet); <see cref="WritePages"/> fills it in.</summary>
    public static void WriteHeader(Stream stream, bool big)
    {
        Span<byte> header = stackalloc byte[TiffHeader.BigLength];
        var value = new TiffHeader(big, 0);
        value.WriteTo(header);
        stream.Write(header.Slice(0, value.Length));
    }

    /// <summary>
    /// Appends the IFDs of <paramref name="pages"/> at the end of <paramref name="stream"/> and points the header at
    /// <paramref name="fileStart"/> to the first. Classic TIFF refuses any offset past 4 GiB.
    /// </summary>
    public static void WritePages(Stream stream, long fileStart, bool big, IReadOnlyList<TiffPage> pages)
    {
        stream.Position = stream.Length;
        if ((stream.Position & 1) != 0)
        {
            stream.WriteByte(0);
        }
        long firstIfd = stream.Position - fileStart;
        for (int i = 0; i < pages.Count; i++)
        {
            long ifdOffset = stream.Position - fileStart;
            var fields = FieldsOf(pages[i], big);
            int entryLength = big ? 20 : 12;
            long ifdLength = (big ? 8 : 2) + (long)fields.Count * entryLength + (big ? 8 : 4);
            long valuesOffset = ifdOffset + ifdLength;
            var ifd = new byte[ifdLength];
            var values = new MemoryStream();
            var span = ifd.AsSpan();
            int position;
            if (big)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(span, (ulong)fields.Count);
                position = 8;
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)fields.Count);
                position = 2;
            }
            foreach (var (tag, type, count, bytes) in fields)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(span.Slice(position), tag);
                BinaryPrimitives.WriteUInt16LittleEndian(span.Slice(position + 2), (ushort)type);
                int inline = big ? 8 : 4;
                var slot = span.Slice(position + (big ? 12 : 8), inline);
                if (big)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(span.Slice(position + 4), (ulong)count);
                }
                else
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(position + 4), checked((uint)count));
                }
                if (bytes.Length <= inline)
                {
                    bytes.CopyTo(slot);
                }
                else
                {
                    WriteOffset(slot, valuesOffset + values.Length, big);
                    values.Write(bytes);
                    if ((values.Length & 1) != 0)
                    {
                        values.WriteByte(0);
                    }
                }
                position += entryLength;
            }
            long next = i + 1 < pages.Count ? valuesOffset + values.Length : 0;
            WriteOffset(span.Slice(position), next, big);
            stream.Write(ifd);
            values.Position = 0;
            values.CopyTo(stream);
        }
        long end = stream.Position;
        if (!big && end - fileStart > uint.MaxValue)
        {
            throw new TiffFormatException($"{end - fileStart} bytes do not fit classic TIFF; write BigTIFF");
        }
        stream.Position = fileStart;
        Span<byte> header = stackalloc byte[TiffHeader.BigLength];
        var value = new TiffHeader(big, firstIfd);
        value.WriteTo(header);
        stream.Write(header.Slice(0, value.Length));
        stream.Position = end;
    }

    private static void WriteOffset(Span<byte> slot, long offset, bool big)
    {
        if (big)
        {
            BinaryPrimitives.WriteInt64LittleEndian(slot, offset);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(slot, checked((uint)offset));
        }
    }

    private static List<(ushort Tag, TiffFieldType Type, long Count, byte[] Bytes)> FieldsOf(TiffPage page, bool big)
    {
        if (page.BitsPerSample != 8 || page.Compression != 1)
        {
            throw new TiffFormatException("the writer writes 8-bit uncompressed pages only");
        }
        var fields = new List<(ushort, TiffFieldType, long, byte[])>
        {
            (TiffTags.NewSubfileType, TiffFieldType.Long, 1, Longs([0])),
            (TiffTags.ImageWidth, TiffFieldType.Long, 1, Longs([page.Width])),
            (TiffTags.ImageLength, TiffFieldType.Long, 1, Longs([page.Height])),
            (TiffTags.BitsPerSample, TiffFieldType.Short, page.SamplesPerPixel, Shorts(Enumerable.Repeat(8, page.SamplesPerPixel))),
            (TiffTags.Compression, TiffFieldType.Short, 1, Shorts([1])),
            (TiffTags.PhotometricInterpretation, TiffFieldType.Short, 1, Shorts([(int)page.Photometric])),
        };
        if (page.Description is { } description)
        {
            fields.Add((TiffTags.ImageDescription, TiffFieldType.Ascii, Encoding.ASCII.GetByteCount(description) + 1, Ascii(description)));
        }
        if (!big && (page.StripOffsets.Any(o => o > uint.MaxValue) || page.StripByteCounts.Any(c => c > uint.MaxValue)))
        {
            throw new TiffFormatException("a strip past 4 GiB does not fit classic TIFF; write BigTIFF");
        }
        var offsetType = big ? TiffFieldType.Long8 : TiffFieldType.Long;
        fields.Add((TiffTags.StripOffsets, offsetType, page.StripOffsets.Count, big ? Long8s(page.StripOffsets) : Longs(page.StripOffsets)));
        fields.Add((TiffTags.SamplesPerPixel, TiffFieldType.Short, 1, Shorts([page.SamplesPerPixel])));
        fields.Add((TiffTags.RowsPerStrip, TiffFieldType.Long, 1, Longs([page.RowsPerStrip])));
        fields.Add((TiffTags.StripByteCounts, offsetType, page.StripByteCounts.Count, big ? Long8s(page.StripByteCounts) : Longs(page.StripByteCounts)));
        fields.Add((TiffTags.XResolution, TiffFieldType.Rational, 1, Longs([72, 1])));
        fields.Add((TiffTags.YResolution, TiffFieldType.Rational, 1, Longs([72, 1])));
        fields.Add((TiffTags.PlanarConfiguration, TiffFieldType.Short, 1, Shorts([1])));
        fields.Add((TiffTags.ResolutionUnit, TiffFieldType.Short, 1, Shorts([2])));
        if (page.Software is { } software)
        {
            fields.Add((TiffTags.Software, TiffFieldType.Ascii, Encoding.ASCII.GetByteCount(software) + 1, Ascii(software)));
        }
        return fields;
    }

    private static byte[] Ascii(string text)
    {
        if (text.Any(c => c > 127))
        {
            throw new TiffFormatException("ASCII fields hold 7-bit text only");
        }
        var bytes = new byte[text.Length + 1];
        Encoding.ASCII.GetBytes(text, bytes);
        return bytes;
    }

    private static byte[] Shorts(IEnumerable<int> values)
    {
        var list = values.ToArray();
        var bytes = new byte[list.Length * 2];
        for (int i = 0; i < list.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), checked((ushort)list[i]));
        }
        return bytes;
    }

    private static byte[] Longs(IReadOnlyList<long> values)
    {
        var bytes = new byte[values.Count * 4];
        for (int i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 * i), checked((uint)values[i]));
        }
        return bytes;
    }

    private static byte[] Long8s(IReadOnlyList<long> values)
    {
        var bytes = new byte[values.Count * 8];
        for (int i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 * i), values[i]);
        }
        return bytes;
    }
}
