namespace Hark.Contracts;

/// <summary>
/// No node can serve the request now: this node has not joined the cluster yet, or no member holds the role the
/// request needs (importer, reader). The HTTP API answers 503; trying again later can succeed.
/// </summary>
public sealed class NodeUnavailableException(string message) : Exception(message);
