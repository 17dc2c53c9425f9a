namespace Hark.Node.Configuration;

/// <summary>A node setting that cannot be used; the message names where it came from (file key or variable).</summary>
public sealed class NodeConfigurationException(string message) : Exception(message);
