namespace Hark.Cli.Remote;

/// <summary>A node answered with an error; the message is the problem's detail, one line.</summary>
internal sealed class NodeRequestException(string message) : Exception(message);
