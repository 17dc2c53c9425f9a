namespace Hark.Engine.Segments;

/// <summary>
/// Bounds the decodes one node runs at once. Decoding is pure CPU: more at once than there are cores only makes every
/// read slower and holds more buffers, so a decode past the bound waits its turn. Taken per batch of a read and only
/// around the decode, never while frames are fetched or bytes are written to a client, so a slow client or store holds
/// no turn and a long read takes turns with short ones.
/// </summary>
public sealed class DecodeGate(int turns)
{
    private readonly SemaphoreSlim _turns = new(turns, turns);

    /// <summary>One decode per core.</summary>
    public static int DefaultTurns => Environment.ProcessorCount;

    public int Turns => turns;

    /// <summary>Decodes running now (for tests and telemetry).</summary>
    public int Running => turns - _turns.CurrentCount;

    public async ValueTask<Turn> EnterAsync(CancellationToken ct)
    {
        await _turns.WaitAsync(ct);
        return new Turn(_turns);
    }

    /// <summary>A decode's turn; disposing it lets the next one in.</summary>
    public readonly struct Turn(SemaphoreSlim turns) : IDisposable
    {
        public void Dispose() => turns.Release();
    }
}
