namespace Hark.Node.Security;

/// <summary>
/// A POST /recordings source outside the node's import roots: 403. One message for every such path, whether or not
/// it exists, so the API cannot be used to probe the node's file system.
/// </summary>
public sealed class ImportPathRefusedException(string message) : Exception(message);
