namespace Hark.Cli.Backend;

/// <summary>A node could not be reached, or answered with an error no front-door exception stands for.</summary>
internal sealed class NodeRequestException(string message) : Exception(message);
