using System.Buffers;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Hark.Media.Errors;
using Hark.Media.Probe;
using Hark.Media.Tools;

namespace Hark.Media.Decode;

/// <summary>
/// Interleaved PCM from a running ffmpeg. Reads return whole frames (one sample per channel) only; a partial
/// frame at the end of one pipe read is kept for the next call. A read that waits longer than the inactivity
/// bound for ffmpeg's next bytes kills ffmpeg and fails; time between reads is the reader's own and not counted.
/// </summary>
public sealed class PcmStream : IAsyncDisposable
{
    private const int BufferBytes = 64 * 1024;

    private readonly Process _process;
    private readonly StderrTail _stderr;
    private readonly Stream _stdout;
    private readonly int _frameBytes;
    private readonly int _shift;
    private readonly TimeSpan _inactivity;
    private byte[] _buffer;
    private int _count;
    private bool _finished;

    internal PcmStream(Process process, SourceInfo source, PcmSampleFormat format, int bits, TimeSpan inactivity)
    {
        _process = process;
        _inactivity = inactivity;
        _stderr = new StderrTail(process);
        _stdout = process.StandardOutput.BaseStream;
        Source = source;
        Format = format;
        BitsPerSample = bits;
        _shift = format == PcmSampleFormat.S32 ? 32 - bits : 0;
        _frameBytes = sizeof(int) * source.Channels;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(BufferBytes, 2 * _frameBytes));
    }

    public SourceInfo Source { get; }

    public PcmSampleFormat Format { get; }

    public int SampleRate => Source.SampleRate;

    public int Channels => Source.Channels;

    /// <summary>For S32: the range of the values handed out is [-2^(bits-1), 2^(bits-1)-1].</summary>
    public int BitsPerSample { get; }

    /// <summary>The ffmpeg process's id, for tests that check it has ended.</summary>
    internal int ProcessId => _process.Id;

    /// <summary>Frames handed out so far.</summary>
    public long FramesRead { get; private set; }

    /// <summary>Fills up to interleaved.Length / Channels frames; returns the frames read, 0 at the end.</summary>
    public async ValueTask<int> ReadAsync(Memory<int> interleaved, CancellationToken ct)
    {
        RequireFormat(PcmSampleFormat.S32);
        int frames = await FillAsync(interleaved.Length, ct).ConfigureAwait(false);
        var source = MemoryMarshal.Cast<byte, int>(_buffer.AsSpan(0, frames * _frameBytes));
        var destination = interleaved.Span;
        if (_shift == 0)
        {
            source.CopyTo(destination);
        }
        else
        {
            for (int i = 0; i < source.Length; i++)
            {
                destination[i] = source[i] >> _shift;
            }
        }
        return Consume(frames);
    }

    /// <summary>Fills up to interleaved.Length / Channels frames; returns the frames read, 0 at the end.</summary>
    public async ValueTask<int> ReadAsync(Memory<float> interleaved, CancellationToken ct)
    {
        RequireFormat(PcmSampleFormat.F32);
        int frames = await FillAsync(interleaved.Length, ct).ConfigureAwait(false);
        MemoryMarshal.Cast<byte, float>(_buffer.AsSpan(0, frames * _frameBytes)).CopyTo(interleaved.Span);
        return Consume(frames);
    }

    private void RequireFormat(PcmSampleFormat wanted)
    {
        if (Format != wanted)
        {
            throw new InvalidOperationException($"This stream was opened as {Format}; it cannot be read as {wanted}.");
        }
    }

    /// <summary>Reads until at least one whole frame is buffered (or the end); returns whole frames that fit.</summary>
    private async ValueTask<int> FillAsync(int destinationSamples, CancellationToken ct)
    {
        int maxFrames = destinationSamples / Source.Channels;
        if (maxFrames == 0)
        {
            throw new ArgumentException($"The buffer must hold at least one frame ({Source.Channels} samples).");
        }
        int wanted = Math.Min(_buffer.Length, maxFrames * _frameBytes);
        while (_count < _frameBytes && !_finished)
        {
            int read = await ReadWithinBoundAsync(_buffer.AsMemory(_count, Math.Max(wanted, _frameBytes) - _count), ct).ConfigureAwait(false);
            if (read == 0)
            {
                await FinishAsync(ct).ConfigureAwait(false);
                break;
            }
            _count += read;
        }
        return Math.Min(_count / _frameBytes, maxFrames);
    }

    private async ValueTask<int> ReadWithinBoundAsync(Memory<byte> destination, CancellationToken ct)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        idle.CancelAfter(_inactivity);
        try
        {
            return await _stdout.ReadAsync(destination, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            _finished = true;
            await ChildProcess.EndAsync(_process).ConfigureAwait(false);
            throw new MediaProcessException(
                $"ffmpeg timed out after {MediaTimeouts.Describe(_inactivity)} without output on {Path.GetFileName(Source.Path)}");
        }
    }

    private int Consume(int frames)
    {
        int bytes = frames * _frameBytes;
        _count -= bytes;
        if (_count > 0)
        {
            Buffer.BlockCopy(_buffer, bytes, _buffer, 0, _count);
        }
        FramesRead += frames;
        return frames;
    }

    private async Task FinishAsync(CancellationToken ct)
    {
        _finished = true;
        await _process.WaitForExitAsync(ct).ConfigureAwait(false);
        await _stderr.Completion.ConfigureAwait(false);
        string name = Path.GetFileName(Source.Path);
        if (_process.ExitCode != 0)
        {
            throw new MediaProcessException(ChildProcess.Describe($"ffmpeg decoding {name}", _process.ExitCode, _stderr.LastLine), _process.ExitCode);
        }
        if (_count % _frameBytes != 0)
        {
            throw new MediaProcessException($"ffmpeg decoding {name} ended inside a frame ({_count % _frameBytes} stray bytes)");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ChildProcess.EndAsync(_process).ConfigureAwait(false);
        _process.Dispose();
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
