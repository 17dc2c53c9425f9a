namespace Hark.Storage;

/// <summary>
/// The archive's storage could not be reached (refused, timed out, or answered a server error): nothing was read or
/// changed by this call, and asking again later may work. Never thrown for what the caller asked wrongly.
/// </summary>
public sealed class StorageUnavailableException(string store, Exception cause)
    : Exception($"the archive's storage ({store}) cannot be reached: {TransientFailure.Describe(cause)}", cause)
{
    public string Store { get; } = store;
}
