using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Hark.Messages;

/// <summary>
/// Binary wire format for every <see cref="IHarkMessage"/>: a two-letter manifest names the type, the payload is
/// little-endian fields (see <see cref="WireWriter"/>). Segment bytes go in raw, never as text.
/// </summary>
public sealed class HarkMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Akka serializer id; ids below 100 belong to Akka itself.</summary>
    public const int SerializerId = 7301;

    public override int Identifier => SerializerId;

    /// <summary>What to bind this serializer to: every Hark message and the front door's status record.</summary>
    public static IReadOnlyList<Type> BoundTypes => MessageCodecs.BoundTypes;

    public override string Manifest(object o) =>
        MessageCodecs.ByType.TryGetValue(o.GetType(), out var codec)
            ? codec.Manifest
            : throw new ArgumentException($"{o.GetType()} is not a Hark message", nameof(o));

    public override byte[] ToBinary(object obj)
    {
        if (!MessageCodecs.ByType.TryGetValue(obj.GetType(), out var codec))
        {
            throw new ArgumentException($"{obj.GetType()} is not a Hark message", nameof(obj));
        }
        using var buffer = new MemoryStream();
        var writer = new WireWriter(buffer);
        codec.Write(writer, obj);
        writer.Flush();
        return buffer.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!MessageCodecs.ByManifest.TryGetValue(manifest, out var codec))
        {
            throw new SerializationException($"unknown Hark message manifest '{manifest}'");
        }
        var reader = new WireReader(bytes);
        var message = codec.Read(reader);
        reader.End();
        return message;
    }
}
