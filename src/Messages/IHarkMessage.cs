namespace Hark.Messages;

/// <summary>Every message that may cross a node boundary; the serializer binding is on this interface.</summary>
public interface IHarkMessage;
