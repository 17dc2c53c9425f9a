using System.Runtime.Serialization;
using System.Text;

namespace Hark.Messages;

/// <summary>Reads what <see cref="WireWriter"/> wrote; a truncated or malformed payload raises SerializationException.</summary>
internal sealed class WireReader(byte[] bytes)
{
    private readonly BinaryReader _reader = new(new MemoryStream(bytes, writable: false), Encoding.UTF8);

    public bool Bool() => Guard(() => _reader.ReadBoolean());
    public byte Byte() => Guard(() => _reader.ReadByte());
    public int Int() => Guard(() => _reader.Read7BitEncodedInt());
    public long Long() => Guard(() => _reader.Read7BitEncodedInt64());
    public double Double() => Guard(() => _reader.ReadDouble());
    public Guid Guid() => Guard(() => new Guid(ReadExactly(16)));
    public string String() => Guard(() => _reader.ReadString());

    public DateTimeOffset Time() => Guard(() =>
    {
        long ticks = _reader.ReadInt64();
        var offset = TimeSpan.FromMinutes(_reader.ReadInt16());
        return new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(offset);
    });

    public byte[] Bytes()
    {
        int length = Int();
        if (length < 0 || length > bytes.Length)
        {
            throw new SerializationException($"a byte field claims {length} bytes in a {bytes.Length}-byte message");
        }
        return Guard(() => ReadExactly(length));
    }

    public IReadOnlyList<string> Strings()
    {
        int count = Int();
        if (count < 0 || count > bytes.Length)
        {
            throw new SerializationException($"a list claims {count} entries in a {bytes.Length}-byte message");
        }
        var values = new string[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = String();
        }
        return values;
    }

    public string? OptionalString() => Bool() ? String() : null;
    public int? OptionalInt() => Bool() ? Int() : null;
    public long? OptionalLong() => Bool() ? Long() : null;
    public DateTimeOffset? OptionalTime() => Bool() ? Time() : null;

    public void End()
    {
        if (_reader.BaseStream.Position != bytes.Length)
        {
            throw new SerializationException($"{bytes.Length - _reader.BaseStream.Position} bytes left over after the message");
        }
    }

    private byte[] ReadExactly(int count)
    {
        var result = _reader.ReadBytes(count);
        if (result.Length != count)
        {
            throw new EndOfStreamException();
        }
        return result;
    }

    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentException)
        {
            throw new SerializationException($"truncated or malformed message: {e.Message}", e);
        }
    }
}
