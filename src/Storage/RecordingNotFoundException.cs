namespace Hark.Storage;

/// <summary>No readable recording with this id: absent, or present but not complete (importing or failed).</summary>
public sealed class RecordingNotFoundException(string id, RecordingPhase? state = null)
    : Exception(state is null
        ? $"recording {id} not found"
        : $"recording {id} is not readable: its state is {state.Value.ToString().ToLowerInvariant()}")
{
    public string Id { get; } = id;

    /// <summary>The state of the recording that exists but is not complete; null when there is none.</summary>
    public RecordingPhase? State { get; } = state;
}
