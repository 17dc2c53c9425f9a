using System.Buffers.Binary;
using System.Text;

namespace Hark.Codec.Mp4;

/// <summary>
/// Writes ISO BMFF boxes big-endian into a growing buffer. A box is opened with its type, filled, and closed; closing
/// writes its size, so nested boxes need no size arithmetic by hand.
/// </summary>
public sealed class Mp4BoxWriter
{
    private byte[] _buffer = new byte[256];
    private readonly Stack<int> _open = new();

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public byte[] ToArray() => Written.ToArray();

    /// <summary>Opens a box: a size placeholder and its four-character type.</summary>
    public void Begin(string type)
    {
        _open.Push(Length);
        UInt32(0);
        FourCc(type);
    }

    /// <summary>Opens a full box: a box whose body starts with a version byte and 24 bits of flags.</summary>
    public void BeginFull(string type, byte version, int flags)
    {
        Begin(type);
        UInt32(((uint)version << 24) | ((uint)flags & 0xFFFFFF));
    }

    /// <summary>Closes the innermost open box, writing its size.</summary>
    public void End()
    {
        int start = _open.Pop();
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(start), checked((uint)(Length - start)));
    }

    public void UInt8(byte value) => Grow(1)[0] = value;

    public void UInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Grow(2), value);

    public void Int16(short value) => BinaryPrimitives.WriteInt16BigEndian(Grow(2), value);

    public void UInt24(int value)
    {
        var span = Grow(3);
        span[0] = (byte)(value >> 16);
        span[1] = (byte)(value >> 8);
        span[2] = (byte)value;
    }

    public void UInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Grow(4), value);

    public void Int32(int value) => BinaryPrimitives.WriteInt32BigEndian(Grow(4), value);

    public void UInt64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Grow(8), value);

    public void Int64(long value) => BinaryPrimitives.WriteInt64BigEndian(Grow(8), value);

    public void Zeros(int count) => Grow(count).Clear();

    public void Bytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Grow(bytes.Length));

    /// <summary>A four-character code; Latin-1, so the iTunes '©' is the single byte 0xA9 the format wants.</summary>
    public void FourCc(string code)
    {
        if (code.Length != 4 || code.Any(c => c > 0xFF))
        {
            throw new ArgumentException($"'{code}' is not a four-character code", nameof(code));
        }
        Encoding.Latin1.GetBytes(code, Grow(4));
    }

    public void Utf8(string text) => Bytes(Encoding.UTF8.GetBytes(text));

    private Span<byte> Grow(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }
        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
