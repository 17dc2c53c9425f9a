using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Hark.Codec.Lac;

/// <summary>
/// MSB-first bit writer into a span (spec section 1). Bits gather in a 64-bit accumulator and go out as whole
/// bytes; <see cref="Flush"/> pads the last byte with zero bits on the LSB side (spec section 4.3).
/// </summary>
public ref struct LacBitWriter
{
    private readonly Span<byte> _destination;
    private int _bytePosition;
    private ulong _accumulator;
    private int _accumulatorBits;

    public LacBitWriter(Span<byte> destination)
    {
        _destination = destination;
    }

    /// <summary>Bits written so far.</summary>
    public readonly long BitPosition => (long)_bytePosition * 8 + _accumulatorBits;

    /// <summary>Writes the low <paramref name="count"/> bits (0-32) of <paramref name="value"/>, most significant first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteBits(uint value, int count)
    {
        if (count == 0)
        {
            return;
        }
        if (_accumulatorBits + count > 64)
        {
            Drain();
        }
        ulong masked = count == 32 ? value : value & ((1u << count) - 1);
        _accumulator |= masked << (64 - _accumulatorBits - count);
        _accumulatorBits += count;
    }

    /// <summary>Writes <paramref name="zeros"/> zero bits and a terminating one bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUnary(uint zeros)
    {
        while (zeros >= 32)
        {
            WriteBits(0, 32);
            zeros -= 32;
        }
        WriteBits(1, (int)zeros + 1);
    }

    /// <summary>One Rice codeword: unary quotient then k remainder bits (spec section 4.2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteRice(uint zigzag, int k)
    {
        uint q = zigzag >> k;
        if (q < 32 - k)
        {
            // one call: q zeros, a one, then the k remainder bits.
            uint remainder = k == 0 ? 0 : zigzag & ((1u << k) - 1);
            WriteBits((1u << k) | remainder, (int)q + 1 + k);
            return;
        }
        WriteUnary(q);
        if (k > 0)
        {
            WriteBits(zigzag & ((1u << k) - 1), k);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Drain()
    {
        int whole = _accumulatorBits >> 3;
        if (_bytePosition + 8 <= _destination.Length)
        {
            BinaryPrimitives.WriteUInt64BigEndian(_destination.Slice(_bytePosition), _accumulator);
        }
        else
        {
            for (int i = 0; i < whole; i++)
            {
                _destination[_bytePosition + i] = (byte)(_accumulator >> (56 - 8 * i));
            }
        }
        _bytePosition += whole;
        _accumulator = whole == 8 ? 0 : _accumulator << (whole * 8);
        _accumulatorBits -= whole * 8;
    }

    /// <summary>Writes out every pending bit, zero-padding the last byte; returns the bytes written in total.</summary>
    public int Flush()
    {
        Drain();
        if (_accumulatorBits > 0)
        {
            _destination[_bytePosition++] = (byte)(_accumulator >> 56);
            _accumulator = 0;
            _accumulatorBits = 0;
        }
        return _bytePosition;
    }
}
