using System.Runtime.InteropServices;
using Hark.Engine.Spectrograms;

namespace Hark.Node.Spectrograms;

/// <summary>
/// A write-only stream of f32 segment bytes (interleaved, little-endian) that feeds a <see cref="MelSpectrogram"/> as
/// they arrive, so a tile never holds its samples: a segment read writes into it like into a response body.
/// </summary>
internal sealed class SpectrogramSink(MelSpectrogram spectrogram, int channels) : Stream
{
    private readonly byte[] _carry = new byte[4 * channels];
    private int _carried;

    public long FramesWritten { get; private set; }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        int frameBytes = _carry.Length;
        if (_carried > 0)
        {
            int take = Math.Min(frameBytes - _carried, buffer.Length);
            buffer[..take].CopyTo(_carry.AsSpan(_carried));
            _carried += take;
            buffer = buffer[take..];
            if (_carried < frameBytes)
            {
                return;
            }
            Append(_carry);
            _carried = 0;
        }
        int whole = buffer.Length / frameBytes * frameBytes;
        Append(buffer[..whole]);
        buffer[whole..].CopyTo(_carry);
        _carried = buffer.Length - whole;
    }

    /// <summary>Zero frames: where a sparse tile's last read would run past the end of the recording.</summary>
    public void AppendSilence(long frames)
    {
        var zeros = new float[Math.Min(frames, 4096) * channels];
        for (long left = frames; left > 0; left -= zeros.Length / channels)
        {
            int now = (int)Math.Min(left, zeros.Length / channels);
            spectrogram.Append(zeros.AsSpan(0, now * channels));
            FramesWritten += now;
        }
    }

    private void Append(ReadOnlySpan<byte> frames)
    {
        spectrogram.Append(MemoryMarshal.Cast<byte, float>(frames));
        FramesWritten += frames.Length / _carry.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush() { }
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
