namespace Hark.Messages;

/// <summary>How one message type is named on the wire and written/read.</summary>
internal sealed record MessageCodec(Type Type, string Manifest, Action<WireWriter, object> Write, Func<WireReader, object> Read)
{
    public static MessageCodec For<T>(string manifest, Action<WireWriter, T> write, Func<WireReader, T> read) where T : notnull =>
        new(typeof(T), manifest, (w, o) => write(w, (T)o), r => read(r));
}
