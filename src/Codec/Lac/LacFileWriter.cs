using System.Buffers.Binary;

namespace Hark.Codec.Lac;

/// <summary>
/// Writes a .lac file (docs/lac-container.md) from interleaved samples, streaming. With one job it holds one block of
/// input and one encoded block, whatever the length. With <c>jobs</c> &gt; 1 blocks are encoded in batches on that
/// many threads and written in order; at most two batches per job are in flight (about a megabyte of samples each,
/// and never more than eight million samples in all),
/// and the bytes are the same as with one job, since every block is encoded on its own.
/// <see cref="Dispose"/> (or <see cref="Complete"/>) writes the last, shorter block and, on a seekable stream, the
/// total sample count into the header.
/// </summary>
public sealed class LacFileWriter : IDisposable
{
    /// <summary>Samples (all channels) a parallel batch holds at most: big enough to amortise a task, small in memory.</summary>
    private const int BatchSamples = 1 << 20;
    private const int MaxBatchBlocks = 16;

    /// <summary>Samples (all channels) in flight at most, so huge blocks of many channels cannot multiply memory by the jobs.</summary>
    private const int InFlightSamples = 1 << 23;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _headerPosition;
    private readonly LacEncoderOptions _options;
    private readonly int _jobs;
    private readonly int _batchBlocks;
    private readonly int _maxInFlight;
    private readonly int _minimum;
    private readonly int _maximum;
    private readonly Queue<(LacRecordBatch Batch, Task Encoding)> _inFlight = new();
    private readonly Stack<LacRecordBatch> _spareBatches = new();
    private readonly LacBlockCodec _codec;
    private readonly System.Collections.Concurrent.ConcurrentBag<LacBlockCodec> _codecs = [];
    private LacRecordBatch _filling;
    private uint _blockIndex;
    private bool _completed;

    public LacFileWriter(Stream stream, int sampleRate, int channels, int bitsPerSample, LacEncoderOptions? options = null,
        bool leaveOpen = false, int jobs = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _options = options ?? LacEncoderOptions.Default;
        _options.Validate();
        _jobs = jobs;
        _codec = new LacBlockCodec(_options);
        Header = new LacFileHeader(sampleRate, channels, bitsPerSample,
            stream.CanSeek ? 0 : LacFileHeader.UnknownTotalSamples, _options.BlockSize);
        _batchBlocks = jobs == 1 ? 1 : Math.Clamp(BatchSamples / (_options.BlockSize * channels), 1, MaxBatchBlocks);
        _maxInFlight = Math.Clamp(InFlightSamples / (_batchBlocks * _options.BlockSize * channels), 1, 2 * jobs);
        _filling = NewBatch();
        _maximum = (1 << (bitsPerSample - 1)) - 1;
        _minimum = -_maximum - 1;
        if (bitsPerSample == 24)
        {
            _minimum = -_maximum; // spec 1: |sample| <= 2^23 - 1, so -2^23 cannot be carried
        }
        _headerPosition = stream.CanSeek ? stream.Position : 0;
        Span<byte> header = stackalloc byte[LacFileHeader.Length];
        Header.WriteTo(header);
        _stream.Write(header);
    }

    public LacFileHeader Header { get; private set; }

    /// <summary>Samples per channel written so far.</summary>
    public long SamplesWritten { get; private set; }

    public long BytesWritten { get; private set; } = LacFileHeader.Length;

    /// <summary>Appends interleaved samples (a whole number of frames), each within the file's bit depth.</summary>
    public void Write(ReadOnlySpan<int> interleaved)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        int channels = Header.Channels;
        if (interleaved.Length % channels != 0)
        {
            throw new ArgumentException($"{interleaved.Length} samples are not whole frames of {channels} channels.", nameof(interleaved));
        }
        foreach (var s in interleaved)
        {
            if (s < _minimum || s > _maximum)
            {
                throw new ArgumentOutOfRangeException(nameof(interleaved), $"sample {s} does not fit {Header.BitsPerSample}-bit PCM as LAC carries it");
            }
        }
        while (interleaved.Length > 0)
        {
            int filled = _filling.SampleCount * channels;
            int take = Math.Min(_filling.Samples.Length - filled, interleaved.Length);
            interleaved.Slice(0, take).CopyTo(_filling.Samples.AsSpan(filled));
            _filling.SampleCount += take / channels;
            interleaved = interleaved.Slice(take);
            if (_filling.SampleCount == _filling.CapacitySamples)
            {
                Submit();
            }
        }
    }

    private LacRecordBatch NewBatch() =>
        _spareBatches.TryPop(out var spare) ? spare : new LacRecordBatch(_options.BlockSize, Header.Channels, _batchBlocks);

    /// <summary>Hands the batch being filled to a worker (or encodes it here with one job) and starts a new one.</summary>
    private void Submit()
    {
        var batch = _filling;
        if (batch.SampleCount == 0)
        {
            return;
        }
        batch.FirstIndex = _blockIndex;
        _blockIndex += (uint)batch.BlockCount;
        if (_jobs == 1)
        {
            batch.Encode(_codec);
            WriteOut(batch);
        }
        else
        {
            _inFlight.Enqueue((batch, Task.Run(() =>
            {
                var codec = TakeCodec();
                batch.Encode(codec);
                _codecs.Add(codec);
            })));
            while (_inFlight.Count >= _maxInFlight)
            {
                WriteOldest();
            }
        }
        _filling = NewBatch();
        _filling.SampleCount = 0; // a spare batch keeps its buffers, not its contents
    }

    private LacBlockCodec TakeCodec() => _codecs.TryTake(out var codec) ? codec : new LacBlockCodec(_options);

    private void WriteOldest()
    {
        var (batch, encoding) = _inFlight.Dequeue();
        encoding.GetAwaiter().GetResult();
        WriteOut(batch);
    }

    private void WriteOut(LacRecordBatch batch)
    {
        for (int b = 0; b < batch.BlockCount; b++)
        {
            var record = batch.Record(b);
            _stream.Write(record);
            BytesWritten += record.Length;
        }
        SamplesWritten += batch.SampleCount;
        _spareBatches.Push(batch);
    }

    /// <summary>Writes the last block and the final header; the stream stays usable when leaveOpen was set.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }
        _completed = true;
        Submit();
        while (_inFlight.Count > 0)
        {
            WriteOldest();
        }
        if (_stream.CanSeek)
        {
            Header = Header.WithTotalSamples((ulong)SamplesWritten);
            long end = _stream.Position;
            _stream.Position = _headerPosition;
            Span<byte> header = stackalloc byte[LacFileHeader.Length];
            Header.WriteTo(header);
            _stream.Write(header);
            _stream.Position = end;
        }
        _stream.Flush();
    }

    public void Dispose()
    {
        try
        {
            Complete();
        }
        finally
        {
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }
}
