namespace Hark.Storage;

/// <summary>A recording with this id already exists and the caller did not ask to replace it.</summary>
public sealed class RecordingExistsException(string id, RecordingPhase state)
    : Exception($"recording {id} already exists (state {state.Name()}); use --replace (\"replace\": true in the API) to overwrite it")
{
    public string Id { get; } = id;

    public RecordingPhase State { get; } = state;
}
