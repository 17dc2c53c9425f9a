using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hark.Codec.Lac;

/// <summary>
/// MSB-first bit reader over a span (spec section 1): the next bit to read is bit 7 of the current byte.
/// A 64-bit cache holds the next bits left-aligned; bits below <see cref="_cacheBits"/> are always zero.
/// </summary>
public ref struct LacBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _bytePosition;
    private ulong _cache;
    private int _cacheBits;

    public LacBitReader(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    /// <summary>Bits consumed so far.</summary>
    public readonly long BitPosition => (long)_bytePosition * 8 - _cacheBits;

    /// <summary>Bytes touched so far, counting a partly read byte as whole (the frame's byte length once decoding ends).</summary>
    public readonly int BytesConsumed => (int)((BitPosition + 7) >> 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Refill()
    {
        if (_bytePosition + 8 <= _data.Length)
        {
            ulong next = BinaryPrimitives.ReadUInt64BigEndian(_data.Slice(_bytePosition));
            int take = (64 - _cacheBits) >> 3;
            if (take == 0)
            {
                return;
            }
            // take whole bytes only, so the position stays byte-granular.
            _cache |= take == 8 ? next : (next >> (64 - take * 8)) << (64 - _cacheBits - take * 8);
            _cacheBits += take * 8;
            _bytePosition += take;
            return;
        }
        while (_cacheBits <= 56 && _bytePosition < _data.Length)
        {
            _cache |= (ulong)_data[_bytePosition++] << (56 - _cacheBits);
            _cacheBits += 8;
        }
    }

    /// <summary>Reads <paramref name="count"/> bits (0-32) as an unsigned value; false when the data ends first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadBits(int count, out uint value)
    {
        if (count == 0)
        {
            value = 0;
            return true;
        }
        if (_cacheBits < count)
        {
            Refill();
            if (_cacheBits < count)
            {
                value = 0;
                return false;
            }
        }
        value = (uint)(_cache >> (64 - count));
        _cache <<= count;
        _cacheBits -= count;
        return true;
    }

    /// <summary>
    /// Reads one Rice codeword (spec 4.2): a unary quotient of at most <paramref name="cap"/> then <paramref name="k"/>
    /// remainder bits, as <see cref="ReadUnary"/> then <see cref="TryReadBits"/> would, in one step when the whole
    /// codeword is already in the cache (nearly always: the cache is topped up to at least 32 bits first).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LacRejection ReadRice(int k, uint cap, out uint value)
    {
        if (_cacheBits < 32)
        {
            Refill();
        }
        int zeros = BitOperations.LeadingZeroCount(_cache);
        int length = zeros + 1 + k;
        if (length <= _cacheBits && (uint)zeros <= cap)
        {
            ulong rest = (_cache << zeros) << 1;
            uint remainder = k == 0 ? 0 : (uint)(rest >> (64 - k));
            _cache = rest << k;
            _cacheBits -= length;
            value = ((uint)zeros << k) | remainder;
            return LacRejection.None;
        }
        var unary = ReadUnary(cap, out uint q);
        if (unary != LacRejection.None)
        {
            value = 0;
            return unary;
        }
        if (!TryReadBits(k, out uint bits))
        {
            value = 0;
            return LacRejection.Truncated;
        }
        value = (q << k) | bits;
        return LacRejection.None;
    }

    /// <summary>
    /// Reads a unary run of zero bits ended by a one bit. Stops with <see cref="LacRejection.UnaryRunTooLong"/>
    /// as soon as the run exceeds <paramref name="cap"/> (so scanning cost is bounded by the cap as well as the data),
    /// or <see cref="LacRejection.Truncated"/> when the data ends first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LacRejection ReadUnary(uint cap, out uint run)
    {
        ulong q = 0;
        while (true)
        {
            if (_cacheBits == 0)
            {
                Refill();
                if (_cacheBits == 0)
                {
                    run = 0;
                    return LacRejection.Truncated;
                }
            }
            int zeros = BitOperations.LeadingZeroCount(_cache);
            if (zeros < _cacheBits)
            {
                q += (ulong)zeros;
                // consume the zeros and the terminating one; a shift by 64 would be a no-op in C#, hence two steps.
                _cache = (_cache << zeros) << 1;
                _cacheBits -= zeros + 1;
                run = (uint)Math.Min(q, uint.MaxValue);
                return q > cap ? LacRejection.UnaryRunTooLong : LacRejection.None;
            }
            q += (ulong)_cacheBits;
            _cache = 0;
            _cacheBits = 0;
            if (q > cap)
            {
                run = 0;
                return LacRejection.UnaryRunTooLong;
            }
        }
    }
}
