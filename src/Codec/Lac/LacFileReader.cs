using System.Buffers.Binary;

namespace Hark.Codec.Lac;

/// <summary>One stretch of a .lac file that could not be decoded and was replaced by silence (spec section 6.1).</summary>
/// <param name="BlockIndex">The block the damage was found in (the expected index when whole blocks were lost).</param>
/// <param name="SamplePosition">Where the silence starts, in samples per channel.</param>
/// <param name="SilencedSamples">How many samples per channel were replaced by silence.</param>
/// <param name="Rejection">The LAC rejection class when a frame was rejected; None for container-level damage.</param>
/// <param name="Reason">One line saying what was wrong.</param>
public sealed record LacDamage(long BlockIndex, long SamplePosition, int SilencedSamples, LacRejection Rejection, string Reason);

/// <summary>
/// Reads a .lac file block by block with bounded memory (one block of samples and at most two records of bytes).
/// Damage never stops reading: a block whose CRC fails, whose frames are rejected or that is missing is replaced by
/// silence for its period (spec 6.1: the block's sample count, or the file's block size when the count itself is
/// lost), and reading goes on from the next intact block, found again by its sync and CRC. Every such event is
/// listed in <see cref="Damage"/>. With <c>strict</c>, the first damage throws instead.
/// With <c>jobs</c> &gt; 1, runs of intact consecutive blocks are decoded that many at once (a batch of up to 64
/// blocks, about two million samples); a batch with anything wrong in it is read again block by block, so the
/// samples and the damage reported are those of one job.
/// </summary>
public sealed class LacFileReader : IDisposable
{
    private const int MaxDamageEntries = 1000;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly bool _strict;
    // Batches are decoded fork-join, so they must be long enough (milliseconds) for a pool thread to wake and join.
    private const int BatchSamples = 1 << 21;
    private const int MaxBatchBlocks = 64;

    private readonly LacBlockCodec _codec = new();
    private readonly byte[] _buffer;
    private readonly int[] _scratch;
    private readonly int _jobs;
    private readonly int _batchBlocks;
    private readonly LacBlockCodec[] _workerCodecs = [];
    private readonly int[][] _workerScratch = [];
    private readonly int[] _batchOffsets = [];
    private readonly LacBlockRecord[] _batchRecords = [];
    private readonly bool[] _batchDecoded = [];
    private readonly int[] _ready = [];
    private int _readyCount;
    private int _readyNext;
    private int _sequentialRecords;
    private readonly List<LacDamage> _damage = [];
    private int _start;
    private int _end;
    private bool _endOfStream;
    private uint _expectedIndex;
    private long _bufferOffset = LacFileHeader.Length;
    private long _lastRecordEnd = LacFileHeader.Length;
    private long _pendingSilence;
    private bool _finished;

    public LacFileReader(Stream stream, bool leaveOpen = false, bool strict = false, int jobs = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _strict = strict;
        Span<byte> header = stackalloc byte[LacFileHeader.Length];
        int read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        Header = LacFileHeader.Parse(header.Slice(0, read));
        int maxRecord = LacBlockRecord.Overhead + LacBlockCodec.MaxBlockLength(Header.BlockSize, Header.Channels);
        _jobs = jobs;
        _batchBlocks = jobs == 1 ? 1 : Math.Clamp(BatchSamples / (Header.BlockSize * Header.Channels), 2, MaxBatchBlocks);
        _buffer = new byte[(_batchBlocks + 1) * maxRecord];
        _scratch = new int[LacFrameHeader.MaxFrameSampleCount * Header.Channels];
        if (jobs > 1)
        {
            _workerCodecs = [.. Enumerable.Range(0, jobs).Select(_ => new LacBlockCodec())];
            _workerScratch = [.. Enumerable.Range(0, jobs).Select(_ => new int[LacFrameHeader.MaxFrameSampleCount * Header.Channels])];
            _batchOffsets = new int[_batchBlocks];
            _batchRecords = new LacBlockRecord[_batchBlocks];
            _batchDecoded = new bool[_batchBlocks];
            _ready = new int[_batchBlocks * Header.BlockSize * Header.Channels];
        }
    }

    public LacFileHeader Header { get; }

    /// <summary>Samples per channel returned so far (silence included).</summary>
    public long SamplesRead { get; private set; }

    public int BlocksDecoded { get; private set; }

    /// <summary>Damage found so far (the first 1000 events; <see cref="DamageCount"/> counts all).</summary>
    public IReadOnlyList<LacDamage> Damage => _damage;

    public int DamageCount { get; private set; }

    /// <summary>Samples per channel replaced by silence so far.</summary>
    public long SilencedSamples { get; private set; }

    /// <summary>Bytes skipped while looking for the next intact block.</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>
    /// Reads the next block into <paramref name="interleaved"/> (room for <see cref="LacFileHeader.BlockSize"/> x
    /// channels); returns the samples per channel, 0 at the end.
    /// </summary>
    public int ReadBlock(Span<int> interleaved)
    {
        int channels = Header.Channels;
        if (interleaved.Length < Header.BlockSize * channels)
        {
            throw new ArgumentException($"The output needs room for {Header.BlockSize * channels} samples.", nameof(interleaved));
        }
        if (_readyNext < _readyCount || (_jobs > 1 && _pendingSilence == 0 && !_finished && TryDecodeAhead()))
        {
            return EmitReady(interleaved);
        }
        bool scanning = false;
        while (true)
        {
            if (_pendingSilence > 0)
            {
                return EmitSilence(interleaved);
            }
            if (_finished)
            {
                return 0;
            }
            if (!Fill(LacBlockRecord.PrefixLength))
            {
                FinishAtEnd(scanning);
                continue;
            }
            var available = _buffer.AsSpan(_start, _end - _start);
            if (!LacBlockRecord.TryRead(available, Header, out var record))
            {
                if (!scanning)
                {
                    Report(_expectedIndex, 0, LacRejection.None, "no intact block where one should start; looking for the next");
                }
                scanning = true;
                Skip(1);
                continue;
            }
            int total = LacBlockRecord.Overhead + record.BlockLength;
            if (!Fill(total))
            {
                if (scanning)
                {
                    Skip(1);
                    continue;
                }
                // The file ends inside this block: rejection class 8 for its frames, silence for its period.
                Report(record.Index, record.Samples, LacRejection.Truncated, "the file ends inside this block");
                _pendingSilence += record.Samples;
                SkippedBytes += _end - _start;
                _start = _end;
                _expectedIndex = record.Index + 1;
                continue;
            }
            available = _buffer.AsSpan(_start, total);
            var block = available.Slice(LacBlockRecord.PrefixLength, record.BlockLength);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(available.Slice(LacBlockRecord.PrefixLength + record.BlockLength));
            bool crcValid = LacBlockRecord.ComputeCrc(available, block) == stored;
            if (!crcValid && scanning)
            {
                Skip(1);
                continue;
            }
            if (!crcValid && !RecordFollows(total, record.Index))
            {
                // The CRC covers the length field too: when no record starts where this one claims to end, the length
                // may be what was damaged, and trusting it would skip (and silence) the intact block after it.
                Report(record.Index, 0, LacRejection.None, "block CRC mismatch and no record where it claims to end; looking for the next");
                scanning = true;
                Skip(1);
                continue;
            }
            if (crcValid && record.Index != _expectedIndex)
            {
                if (record.Index < _expectedIndex)
                {
                    Report(record.Index, 0, LacRejection.None, $"block {record.Index} repeats an earlier index; skipped");
                    Skip(total);
                    continue;
                }
                CheckIndexJump(record.Index);
                long lost = (long)(record.Index - _expectedIndex) * Header.BlockSize;
                if (Header.TotalSamplesKnown)
                {
                    lost = Math.Min(lost, Math.Max(0, (long)Math.Min(Header.TotalSamples, long.MaxValue) - SamplesRead));
                }
                Report(_expectedIndex, (int)Math.Min(lost, int.MaxValue), LacRejection.None,
                    $"blocks {_expectedIndex}..{record.Index - 1} are missing");
                _pendingSilence += lost;
                _expectedIndex = record.Index;
                continue;
            }
            scanning = false;
            if (crcValid)
            {
                CheckDeclared(record.Index);
            }
            var rejection = _codec.TryDecodeBlock(block, channels, _scratch, out int samples, out string? structureError);
            string? problem = !crcValid ? "block CRC mismatch"
                : structureError ?? (rejection != LacRejection.None ? $"frame rejected: {rejection.Describe()}"
                : samples != record.Samples ? $"block decodes to {samples} samples, its record says {record.Samples}" : null);
            Skip(total);
            _lastRecordEnd = RecordOffset;
            _expectedIndex = record.Index + 1;
            if (problem is not null)
            {
                if (!crcValid && rejection != LacRejection.None)
                {
                    problem += $" ({rejection.Describe()}, rejection class {(int)rejection})";
                }
                Report(record.Index, record.Samples, rejection, problem);
                _pendingSilence += record.Samples;
                continue;
            }
            _scratch.AsSpan(0, samples * channels).CopyTo(interleaved);
            SamplesRead += samples;
            BlocksDecoded++;
            return samples;
        }
    }

    /// <summary>
    /// Looks for a run of intact records in sequence at the front of the buffer and decodes them on all jobs. True
    /// when every one decoded cleanly (they are then consumed and wait in <see cref="_ready"/>); false, consuming
    /// nothing, when there is no such run or a block in it has any problem, which the block-by-block path then reports.
    /// </summary>
    private bool TryDecodeAhead()
    {
        if (_sequentialRecords > 0)
        {
            _sequentialRecords--;
            return false;
        }
        int count = 0, offset = 0;
        while (count < _batchBlocks && Fill(offset + LacBlockRecord.PrefixLength)
            && LacBlockRecord.TryRead(_buffer.AsSpan(_start + offset, _end - _start - offset), Header, out var record)
            && record.Index == _expectedIndex + (uint)count
            && (!Header.TotalSamplesKnown || record.Index < DeclaredBlocks))
        {
            int total = LacBlockRecord.Overhead + record.BlockLength;
            if (!Fill(offset + total))
            {
                break;
            }
            var bytes = _buffer.AsSpan(_start + offset, total);
            var block = bytes.Slice(LacBlockRecord.PrefixLength, record.BlockLength);
            if (LacBlockRecord.ComputeCrc(bytes, block) != BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(total - LacBlockRecord.CrcLength)))
            {
                break;
            }
            _batchOffsets[count] = offset;
            _batchRecords[count] = record;
            count++;
            offset += total;
        }
        if (count < 2)
        {
            return false;
        }
        int channels = Header.Channels;
        int stride = Header.BlockSize * channels;
        Parallel.For(0, Math.Min(_jobs, count), new ParallelOptions { MaxDegreeOfParallelism = _jobs }, worker =>
        {
            for (int b = worker; b < count; b += _jobs)
            {
                var record = _batchRecords[b];
                var block = _buffer.AsSpan(_start + _batchOffsets[b] + LacBlockRecord.PrefixLength, record.BlockLength);
                var rejection = _workerCodecs[worker].TryDecodeBlock(block, channels, _workerScratch[worker], out int samples, out string? structureError);
                _batchDecoded[b] = rejection == LacRejection.None && structureError is null && samples == record.Samples;
                if (_batchDecoded[b])
                {
                    _workerScratch[worker].AsSpan(0, samples * channels).CopyTo(_ready.AsSpan(b * stride));
                }
            }
        });
        if (Array.IndexOf(_batchDecoded, false, 0, count) >= 0)
        {
            _sequentialRecords = count;
            return false;
        }
        _start += offset;
        _lastRecordEnd = RecordOffset;
        _expectedIndex += (uint)count;
        _readyCount = count;
        _readyNext = 0;
        return true;
    }

    private int EmitReady(Span<int> interleaved)
    {
        int samples = _batchRecords[_readyNext].Samples;
        int stride = Header.BlockSize * Header.Channels;
        _ready.AsSpan(_readyNext * stride, samples * Header.Channels).CopyTo(interleaved);
        _readyNext++;
        SamplesRead += samples;
        BlocksDecoded++;
        return samples;
    }

    private void FinishAtEnd(bool scanning)
    {
        if (_end > _start)
        {
            SkippedBytes += _end - _start;
            if (!scanning)
            {
                Report(_expectedIndex, 0, LacRejection.Truncated, $"{_end - _start} stray bytes at the end");
            }
            _start = _end;
        }
        _finished = true;
        if (Header.TotalSamplesKnown && (ulong)SamplesRead + (ulong)_pendingSilence < Header.TotalSamples)
        {
            long present = SamplesRead + _pendingSilence;
            ulong missing = Header.TotalSamples - (ulong)present;
            // Silence for the cut-off end keeps the stated length, but only up to as much again as the file holds (at
            // least a minute, so a short recording cut in half still plays to its length): a header total far beyond
            // the blocks present is not a truncation to pad, and must not become huge output.
            ulong allowance = (ulong)Math.Max(present, MaxPaddingSeconds * (long)Header.SampleRate);
            if (missing > allowance)
            {
                Report(_expectedIndex, 0, LacRejection.Truncated,
                    $"the file ends {missing} samples before its stated length {Header.TotalSamples}; more than the {allowance} it may pad, so not padded");
                return;
            }
            Report(_expectedIndex, (int)Math.Min(missing, int.MaxValue), LacRejection.Truncated,
                $"the file ends {missing} samples before its stated length");
            _pendingSilence += (long)missing;
        }
    }

    /// <summary>Seconds of silence a cut-off end is always allowed (beyond that, as much again as the file holds).</summary>
    private const long MaxPaddingSeconds = 60;

    /// <summary>Blocks the header's total needs (when known).</summary>
    private ulong DeclaredBlocks => (Header.TotalSamples + (ulong)Header.BlockSize - 1) / (ulong)Header.BlockSize;

    /// <summary>File offset of the record at the front of the buffer.</summary>
    private long RecordOffset => _bufferOffset + _start;

    /// <summary>
    /// A jump in block_index says how many blocks were lost; each lost block took at least a record's overhead and block
    /// header in the file. A jump larger than the bytes since the last record could have held is not a loss but a
    /// crafted or corrupt index (one such record would otherwise make 2^32 blocks of silence): an error naming its offset.
    /// </summary>
    private void CheckIndexJump(uint index)
    {
        long lostBlocks = (long)index - _expectedIndex;
        long gap = RecordOffset - _lastRecordEnd;
        long couldHold = gap / (LacBlockRecord.Overhead + LacBlockCodec.HeaderLength(Header.Channels));
        if (lostBlocks > couldHold)
        {
            throw new LacContainerException(
                $"block {index} at byte {RecordOffset}: its index jumps {lostBlocks} blocks past block {_expectedIndex}, more than the {gap} bytes since the last block could hold");
        }
        CheckDeclared(index);
    }

    /// <summary>An intact block past the header's total is an error, not more output.</summary>
    private void CheckDeclared(uint index)
    {
        if (Header.TotalSamplesKnown && index >= DeclaredBlocks)
        {
            throw new LacContainerException(
                $"block {index} at byte {RecordOffset}: the header declares {Header.TotalSamples} samples, {DeclaredBlocks} blocks");
        }
    }

    private int EmitSilence(Span<int> interleaved)
    {
        int samples = (int)Math.Min(_pendingSilence, Header.BlockSize);
        interleaved.Slice(0, samples * Header.Channels).Clear();
        _pendingSilence -= samples;
        SamplesRead += samples;
        SilencedSamples += samples;
        return samples;
    }

    private void Report(long blockIndex, int silenced, LacRejection rejection, string reason)
    {
        DamageCount++;
        var damage = new LacDamage(blockIndex, SamplesRead + _pendingSilence, silenced, rejection, reason);
        if (_strict)
        {
            throw rejection != LacRejection.None
                ? new LacFormatException(rejection, $"block {blockIndex} ({reason})")
                : new LacContainerException($"block {blockIndex}: {reason}");
        }
        if (_damage.Count < MaxDamageEntries)
        {
            _damage.Add(damage);
        }
    }

    /// <summary>True when the next record starts right after <paramref name="total"/> bytes (or the file ends there).</summary>
    private bool RecordFollows(int total, uint index)
    {
        if (!Fill(total + LacBlockRecord.PrefixLength))
        {
            return _end - _start == total;
        }
        return LacBlockRecord.TryRead(_buffer.AsSpan(_start + total, _end - _start - total), Header, out var next) && next.Index == index + 1;
    }

    private void Skip(int count)
    {
        _start += count;
        if (count == 1)
        {
            SkippedBytes++;
        }
    }

    private bool Fill(int needed)
    {
        if (_end - _start >= needed)
        {
            return true;
        }
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _bufferOffset += _start;
            _start = 0;
        }
        while (!_endOfStream && _end < needed)
        {
            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _endOfStream = true;
            }
            _end += read;
        }
        return _end - _start >= needed;
    }

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
