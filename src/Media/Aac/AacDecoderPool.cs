using System.Buffers.Binary;

namespace Hark.Media.Aac;

/// <summary>
/// Keeps opened decoders for reuse (opening one costs far more than decoding a frame). Keyed by
/// AudioSpecificConfig, sample rate and channels; at most <c>maxIdlePerKey</c> idle decoders per key and
/// <c>maxIdleTotal</c> overall, extra returns are disposed. Rent and Return are thread-safe.
/// </summary>
public sealed class AacDecoderPool(int maxIdlePerKey = 4, int maxIdleTotal = 64) : IDisposable
{
    private readonly Dictionary<Key, Stack<AacDecoder>> _idle = [];
    private int _idleTotal;
    private long _created;
    private bool _disposed;

    public static AacDecoderPool Shared { get; } = new(maxIdlePerKey: Environment.ProcessorCount * 2, maxIdleTotal: 256);

    /// <summary>Decoders this pool has opened (for telemetry and to show reuse).</summary>
    public long Created => Interlocked.Read(ref _created);

    public int IdleCount
    {
        get
        {
            lock (_idle)
            {
                return _idleTotal;
            }
        }
    }

    /// <summary>A decoder in its initial state (reset), ready for a stream's first frame.</summary>
    public AacDecoder Rent(ReadOnlySpan<byte> audioSpecificConfig, int sampleRate, int channels)
    {
        var key = Key.From(audioSpecificConfig, sampleRate, channels);
        lock (_idle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.TryGetValue(key, out var stack) && stack.TryPop(out var decoder))
            {
                _idleTotal--;
                return decoder;
            }
        }
        var created = new AacDecoder(audioSpecificConfig, sampleRate, channels);
        Interlocked.Increment(ref _created);
        return created;
    }

    /// <summary>Takes a decoder back; it is reset here, so a rented decoder never carries another stream's state.</summary>
    public void Return(AacDecoder decoder)
    {
        try
        {
            decoder.Reset();
        }
        catch (Exception e) when (e is ObjectDisposedException or Errors.AacDecodeException)
        {
            decoder.Dispose();
            return;
        }
        var key = Key.From(decoder.AudioSpecificConfig, decoder.SampleRate, decoder.Channels);
        lock (_idle)
        {
            if (!_disposed && _idleTotal < maxIdleTotal)
            {
                if (!_idle.TryGetValue(key, out var stack))
                {
                    _idle[key] = stack = new Stack<AacDecoder>();
                }
                if (stack.Count < maxIdlePerKey)
                {
                    stack.Push(decoder);
                    _idleTotal++;
                    return;
                }
            }
        }
        decoder.Dispose();
    }

    public void Dispose()
    {
        lock (_idle)
        {
            _disposed = true;
            foreach (var stack in _idle.Values)
            {
                while (stack.TryPop(out var decoder))
                {
                    decoder.Dispose();
                }
            }
            _idle.Clear();
            _idleTotal = 0;
        }
    }

    /// <summary>ASCs are 2 to 5 bytes in practice: packed into a number so renting allocates nothing.</summary>
    private readonly record struct Key(ulong Packed, string? Long, int SampleRate, int Channels)
    {
        public static Key From(ReadOnlySpan<byte> asc, int sampleRate, int channels)
        {
            if (asc.Length <= 7)
            {
                Span<byte> bytes = stackalloc byte[8];
                bytes.Clear();
                asc.CopyTo(bytes);
                bytes[7] = (byte)asc.Length;
                return new Key(BinaryPrimitives.ReadUInt64LittleEndian(bytes), null, sampleRate, channels);
            }
            return new Key(0, Convert.ToHexString(asc), sampleRate, channels);
        }
    }
}
