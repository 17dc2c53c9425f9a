using System.Buffers.Binary;

namespace Hark.Codec.Lac;

/// <summary>
/// Writes a .lac file (docs/lac-container.md) from interleaved samples, streaming: it holds one block of input and
/// one encoded block, whatever the length. <see cref="Dispose"/> (or <see cref="Complete"/>) writes the last,
/// shorter block and, on a seekable stream, the total sample count into the header.
/// </summary>
public sealed class LacFileWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _headerPosition;
    private readonly LacBlockCodec _codec;
    private readonly int[] _pending;
    private readonly byte[] _record;
    private readonly int _minimum;
    private readonly int _maximum;
    private int _pendingSamples;
    private uint _blockIndex;
    private bool _completed;

    public LacFileWriter(Stream stream, int sampleRate, int channels, int bitsPerSample, LacEncoderOptions? options = null,
        bool leaveOpen = false)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        options ??= LacEncoderOptions.Default;
        options.Validate();
        Header = new LacFileHeader(sampleRate, channels, bitsPerSample,
            stream.CanSeek ? 0 : LacFileHeader.UnknownTotalSamples, options.BlockSize);
        _codec = new LacBlockCodec(options);
        _pending = new int[options.BlockSize * channels];
        _record = new byte[LacBlockRecord.Overhead + LacBlockCodec.MaxBlockLength(options.BlockSize, channels)];
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
        int capacity = _pending.Length;
        while (interleaved.Length > 0)
        {
            int take = Math.Min(capacity - _pendingSamples * channels, interleaved.Length);
            interleaved.Slice(0, take).CopyTo(_pending.AsSpan(_pendingSamples * channels));
            _pendingSamples += take / channels;
            interleaved = interleaved.Slice(take);
            if (_pendingSamples * channels == capacity)
            {
                FlushBlock();
            }
        }
    }

    private void FlushBlock()
    {
        if (_pendingSamples == 0)
        {
            return;
        }
        int channels = Header.Channels;
        int length = _codec.EncodeBlock(_pending.AsSpan(0, _pendingSamples * channels), channels,
            _record.AsSpan(LacBlockRecord.PrefixLength));
        var record = new LacBlockRecord(_blockIndex++, length, _pendingSamples);
        record.WriteTo(_record);
        uint crc = LacBlockRecord.ComputeCrc(_record, _record.AsSpan(LacBlockRecord.PrefixLength, length));
        BinaryPrimitives.WriteUInt32BigEndian(_record.AsSpan(LacBlockRecord.PrefixLength + length), crc);
        int total = LacBlockRecord.Overhead + length;
        _stream.Write(_record, 0, total);
        BytesWritten += total;
        SamplesWritten += _pendingSamples;
        _pendingSamples = 0;
    }

    /// <summary>Writes the last block and the final header; the stream stays usable when leaveOpen was set.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }
        FlushBlock();
        _completed = true;
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
