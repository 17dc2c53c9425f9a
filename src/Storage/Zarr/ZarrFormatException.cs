namespace Hark.Storage.Zarr;

/// <summary>Zarr metadata that is malformed or uses a feature this implementation does not read.</summary>
public sealed class ZarrFormatException(string message) : Exception(message);
