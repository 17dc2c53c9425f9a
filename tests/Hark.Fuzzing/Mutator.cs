using System.Buffers.Binary;
using System.Text;

namespace Hark.Fuzzing;

/// <summary>
/// Derives one hostile input from a corpus of real ones: one to four of bit flips, truncation, splices of two
/// inputs, boundary integers written over a field, numbers in text replaced by boundary literals, repeated or
/// deleted ranges. Everything comes from the <see cref="Random"/> given, so a case is replayed by its seed alone.
/// </summary>
public static class Mutator
{
    /// <summary>Integers that break size arithmetic: zero, one, sign bits, all ones, the maxima of each width.</summary>
    public static readonly long[] BoundaryIntegers =
    [
        0, 1, -1, 2, 127, 128, 255, 256, 32767, 32768, 65535, 65536, int.MaxValue, int.MinValue, uint.MaxValue,
        (long)uint.MaxValue + 1, long.MaxValue, long.MinValue, long.MaxValue / 2, 0x7FFF_FFF0, 0x4000_0000,
    ];

    /// <summary>The same boundaries as text, and numbers no integer type holds.</summary>
    public static readonly string[] BoundaryLiterals =
    [
        "0", "-0", "-1", "1", "2147483647", "2147483648", "-2147483648", "4294967295", "4294967296", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "18446744073709551615", "18446744073709551616", "1e400", "-1e400",
        "1.5", "0.0", "1e9", "99999999999999999999999999999", "NaN", "null", "\"\"", "[]", "{}", "true",
    ];

    public static byte[] Mutate(Random random, IReadOnlyList<byte[]> corpus)
    {
        var data = corpus[random.Next(corpus.Count)];
        int steps = 1 + random.Next(4);
        for (int i = 0; i < steps; i++)
        {
            data = random.Next(8) switch
            {
                0 => FlipBits(random, data),
                1 => Truncate(random, data),
                2 => Splice(random, data, corpus[random.Next(corpus.Count)]),
                3 or 4 => WriteBoundaryInteger(random, data),
                5 => ReplaceNumberText(random, data),
                6 => RepeatRange(random, data),
                _ => DeleteRange(random, data),
            };
        }
        return data;
    }

    public static byte[] FlipBits(Random random, byte[] data)
    {
        if (data.Length == 0)
        {
            return data;
        }
        var result = (byte[])data.Clone();
        int flips = 1 + random.Next(8);
        for (int i = 0; i < flips; i++)
        {
            result[random.Next(result.Length)] ^= (byte)(1 << random.Next(8));
        }
        return result;
    }

    public static byte[] Truncate(Random random, byte[] data) => data.AsSpan(0, random.Next(data.Length + 1)).ToArray();

    /// <summary>The head of one input followed by the tail of another (or of itself, somewhere else).</summary>
    public static byte[] Splice(Random random, byte[] first, byte[] second)
    {
        int cut = random.Next(first.Length + 1);
        int from = random.Next(second.Length + 1);
        return [.. first.AsSpan(0, cut), .. second.AsSpan(from)];
    }

    /// <summary>A boundary integer over 1, 2, 4 or 8 bytes at a random place, in either byte order.</summary>
    public static byte[] WriteBoundaryInteger(Random random, byte[] data)
    {
        int width = 1 << random.Next(4);
        if (data.Length < width)
        {
            return data;
        }
        var result = (byte[])data.Clone();
        long value = BoundaryIntegers[random.Next(BoundaryIntegers.Length)];
        var field = result.AsSpan(random.Next(result.Length - width + 1), width);
        bool bigEndian = random.Next(2) == 0;
        switch (width)
        {
            case 1:
                field[0] = (byte)value;
                break;
            case 2:
                if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(field, (ushort)value); else BinaryPrimitives.WriteUInt16LittleEndian(field, (ushort)value);
                break;
            case 4:
                if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(field, (uint)value); else BinaryPrimitives.WriteUInt32LittleEndian(field, (uint)value);
                break;
            default:
                if (bigEndian) BinaryPrimitives.WriteInt64BigEndian(field, value); else BinaryPrimitives.WriteInt64LittleEndian(field, value);
                break;
        }
        return result;
    }

    /// <summary>A run of digits (a number in JSON or a query) replaced by a boundary literal; binary data rarely has one.</summary>
    public static byte[] ReplaceNumberText(Random random, byte[] data)
    {
        var starts = new List<int>();
        for (int i = 0; i < data.Length; i++)
        {
            if (IsDigit(data[i]) && (i == 0 || !IsDigit(data[i - 1])))
            {
                starts.Add(i);
            }
        }
        if (starts.Count == 0)
        {
            return data;
        }
        int start = starts[random.Next(starts.Count)];
        int end = start;
        while (end < data.Length && (IsDigit(data[end]) || data[end] is (byte)'.' or (byte)'e' or (byte)'-'))
        {
            end++;
        }
        var literal = Encoding.ASCII.GetBytes(BoundaryLiterals[random.Next(BoundaryLiterals.Length)]);
        return [.. data.AsSpan(0, start), .. literal, .. data.AsSpan(end)];
    }

    /// <summary>A range repeated in place (a block or field duplicated; inputs grow).</summary>
    public static byte[] RepeatRange(Random random, byte[] data)
    {
        if (data.Length == 0)
        {
            return data;
        }
        int start = random.Next(data.Length);
        int length = 1 + random.Next(Math.Min(data.Length - start, 4096));
        var range = data.AsSpan(start, length);
        return [.. data.AsSpan(0, start + length), .. range, .. data.AsSpan(start + length)];
    }

    public static byte[] DeleteRange(Random random, byte[] data)
    {
        if (data.Length == 0)
        {
            return data;
        }
        int start = random.Next(data.Length);
        int length = 1 + random.Next(Math.Min(data.Length - start, 256));
        return [.. data.AsSpan(0, start), .. data.AsSpan(start + length)];
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
