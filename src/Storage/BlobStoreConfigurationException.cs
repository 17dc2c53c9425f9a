namespace Hark.Storage;

/// <summary>An archive location that cannot be opened as given (bad URL, missing connection string).</summary>
public sealed class BlobStoreConfigurationException(string message) : Exception(message);
