namespace Hark.Cli.Backend;

/// <summary>A node answered 400: the request itself was refused (a bad id, a missing source, a format that cannot be).</summary>
internal sealed class RequestRefusedException(string message) : ArgumentException(message);
