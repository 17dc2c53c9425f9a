namespace Hark.Storage;

/// <summary>A recording with this id already exists and the caller did not ask to replace it.</summary>
public sealed class RecordingExistsException(string id, RecordingState state)
    : Exception($"recording {id} already exists (state {state.ToString().ToLowerInvariant()}); use replace to overwrite it")
{
    public string Id { get; } = id;

    public RecordingState State { get; } = state;
}
