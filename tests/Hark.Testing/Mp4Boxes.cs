using System.Buffers.Binary;
using System.Text;

namespace Hark.Testing;

/// <summary>
/// A tiny ISO BMFF walker for tests: finds a box by its path of types (e.g. moov, trak, edts, elst) through plain
/// container boxes. Written apart from the writer, so a test reads the bytes as another program would.
/// </summary>
public static class Mp4Boxes
{
    /// <summary>The whole box (from its size field) at <paramref name="path"/>, or an exception naming what is missing.</summary>
    public static ReadOnlyMemory<byte> Find(ReadOnlyMemory<byte> file, params string[] path)
    {
        var scope = file;
        for (int depth = 0; depth < path.Length; depth++)
        {
            var box = Children(scope).FirstOrDefault(b => b.Type == path[depth]);
            if (box.Bytes.IsEmpty)
            {
                throw new InvalidOperationException($"no box {string.Join('/', path[..(depth + 1)])}");
            }
            if (depth == path.Length - 1)
            {
                return box.Bytes;
            }
            scope = box.Bytes[box.HeaderLength..];
        }
        throw new ArgumentException("an empty path", nameof(path));
    }

    /// <summary>The boxes directly in <paramref name="scope"/>, in order: type, whole bytes, header length.</summary>
    public static IEnumerable<(string Type, ReadOnlyMemory<byte> Bytes, int HeaderLength)> Children(ReadOnlyMemory<byte> scope)
    {
        int position = 0;
        while (position + 8 <= scope.Length)
        {
            var span = scope.Span[position..];
            long size = BinaryPrimitives.ReadUInt32BigEndian(span);
            string type = Encoding.Latin1.GetString(span.Slice(4, 4));
            int header = 8;
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(span[8..]);
                header = 16;
            }
            long available = scope.Length - position;
            yield return (type, scope.Slice(position, (int)Math.Min(size, available)), header);
            position += (int)Math.Min(size, available);
        }
    }

    public static uint UInt32At(ReadOnlyMemory<byte> box, int offset) => BinaryPrimitives.ReadUInt32BigEndian(box.Span[offset..]);
}
