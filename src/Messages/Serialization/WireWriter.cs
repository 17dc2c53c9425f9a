using System.Text;

namespace Hark.Messages;

/// <summary>Little-endian fields with length-prefixed UTF-8 strings and a presence byte before optional values.</summary>
internal sealed class WireWriter(Stream stream)
{
    private readonly BinaryWriter _writer = new(stream, Encoding.UTF8, leaveOpen: true);

    public void Bool(bool value) => _writer.Write(value);
    public void Byte(byte value) => _writer.Write(value);
    public void Int(int value) => _writer.Write7BitEncodedInt(value);
    public void Long(long value) => _writer.Write7BitEncodedInt64(value);
    public void Double(double value) => _writer.Write(value);
    public void Guid(Guid value) => _writer.Write(value.ToByteArray());
    public void String(string value) => _writer.Write(value);

    public void Time(DateTimeOffset value)
    {
        _writer.Write(value.UtcTicks);
        _writer.Write((short)value.Offset.TotalMinutes);
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Int(value.Length);
        _writer.Write(value);
    }

    public void Strings(IReadOnlyList<string> values)
    {
        Int(values.Count);
        foreach (var value in values)
        {
            String(value);
        }
    }

    public void String(string? value, bool optional) => Optional(value, String);
    public void Int(int? value) => Optional(value, Int);
    public void Long(long? value) => Optional(value, Long);
    public void Time(DateTimeOffset? value) => Optional(value, Time);

    public void Flush() => _writer.Flush();

    private void Optional<T>(T? value, Action<T> write) where T : class
    {
        _writer.Write(value is not null);
        if (value is not null)
        {
            write(value);
        }
    }

    private void Optional<T>(T? value, Action<T> write) where T : struct
    {
        _writer.Write(value.HasValue);
        if (value.HasValue)
        {
            write(value.Value);
        }
    }
}
