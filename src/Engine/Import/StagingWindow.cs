namespace Hark.Engine.Import;

/// <summary>
/// Keeps a staged import's disk use bounded whatever its length: staging may run at most <see cref="AheadChunks"/>
/// chunks ahead of the lowest chunk not yet encoded (a stream or a decoder simply waits meanwhile), and a staged chunk
/// no encoder needs any more is handed back to the stager to delete. Without it a source decoding faster than it
/// encodes (standard input, any file under AAC) is staged whole before the encoders catch up: 27 GB for 72 hours.
/// </summary>
/// <remarks>
/// Shared between the staging task and whoever learns of encoded chunks (an entity's handler, the local importer's
/// workers), so every member is thread-safe. Encoding chunk n reads a few frames of chunk n-1 (its lead-in) and of
/// chunk n+1 (its tail); chunk n's staged PCM is therefore needed until chunks n-1, n and n+1 are all encoded.
/// </remarks>
public sealed class StagingWindow
{
    /// <summary>64 minutes of audio in 120-s chunks: about 0.6 GB of staging for 44.1 kHz stereo, room for 32 encoders.</summary>
    public const int DefaultAheadChunks = 32;

    private readonly Lock _lock = new();
    private readonly HashSet<int> _encoded = [];
    private readonly HashSet<int> _releasable = [];
    private int _lowestUnencoded;
    private int _waitingFor = -1;
    private TaskCompletionSource? _room;

    /// <param name="aheadChunks">At least 2: chunk n becomes encodable only once chunk n+1 is staged.</param>
    public StagingWindow(int aheadChunks = DefaultAheadChunks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(aheadChunks, 2);
        AheadChunks = aheadChunks;
    }

    public int AheadChunks { get; }

    /// <summary>The chunk staging waits to start until the encoders catch up; null while it is not waiting.</summary>
    public int? StagingWaitsFor
    {
        get
        {
            lock (_lock)
            {
                return _waitingFor < 0 ? null : _waitingFor;
            }
        }
    }

    /// <summary>The lowest chunk not yet encoded: every chunk below it is.</summary>
    public int LowestUnencoded
    {
        get
        {
            lock (_lock)
            {
                return _lowestUnencoded;
            }
        }
    }

    /// <summary>Completes once <paramref name="chunk"/> may be staged: it lies fewer than <see cref="AheadChunks"/> chunks past the lowest one still to encode.</summary>
    public async ValueTask WaitForRoomAsync(int chunk, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                Task wait;
                lock (_lock)
                {
                    if (chunk < _lowestUnencoded + AheadChunks)
                    {
                        return;
                    }
                    _waitingFor = chunk;
                    _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    wait = _room.Task;
                }
                await wait.WaitAsync(ct);
            }
        }
        finally
        {
            lock (_lock)
            {
                _waitingFor = -1;
            }
        }
    }

    /// <summary>Chunk <paramref name="chunk"/> is encoded (a repeat is harmless).</summary>
    public void Encoded(int chunk)
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            if (!_encoded.Add(chunk))
            {
                return;
            }
            while (_encoded.Contains(_lowestUnencoded))
            {
                _lowestUnencoded++;
            }
            foreach (int candidate in (ReadOnlySpan<int>)[chunk - 1, chunk, chunk + 1])
            {
                if (candidate >= 0 && IsEncoded(candidate - 1) && _encoded.Contains(candidate) && _encoded.Contains(candidate + 1))
                {
                    _releasable.Add(candidate);
                }
            }
            wake = _room;
            _room = null;
        }
        wake?.TrySetResult();
    }

    /// <summary>
    /// Staged chunks no encoder will read again (each handed out once), lowest first. The last chunk is never among
    /// them (nothing says it is the last); what is left goes with the import's staging at commit.
    /// </summary>
    public IReadOnlyList<int> TakeReleasable()
    {
        lock (_lock)
        {
            if (_releasable.Count == 0)
            {
                return [];
            }
            var chunks = _releasable.Order().ToArray();
            _releasable.Clear();
            return chunks;
        }
    }

    /// <summary>Chunk -1 does not exist, so it counts as encoded.</summary>
    private bool IsEncoded(int chunk) => chunk < 0 || _encoded.Contains(chunk);
}
