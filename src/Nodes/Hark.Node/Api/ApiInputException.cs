namespace Hark.Node.Api;

/// <summary>A request the API cannot act on as given (missing or malformed field or query parameter): 400.</summary>
public sealed class ApiInputException(string message) : Exception(message);
