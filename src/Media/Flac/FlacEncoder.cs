using System.Runtime.InteropServices;
using Hark.Media.Flac.Native;

namespace Hark.Media.Flac;

/// <summary>
/// Encodes interleaved integer PCM to FLAC with libFLAC in process, writing the stream into
/// <paramref name="output"/> from its current position as it is produced. The output must seek: at the end libFLAC
/// goes back to STREAMINFO to fill in the MD5 of the samples, the frame sizes and the sample count.
/// </summary>
public sealed unsafe class FlacEncoder : IDisposable
{
    private readonly Stream _output;
    private readonly long _base;
    private readonly int _channels;
    private GCHandle _self;
    private nint _encoder;
    private Exception? _failure;
    private bool _finished;

    /// <param name="compressionLevel">libFLAC's presets, 0 (fastest) to 8 (smallest); the flac tool's default is 5.</param>
    public FlacEncoder(Stream output, int sampleRate, int channels, int bitsPerSample, long totalFrames, int compressionLevel = 5)
    {
        if (!output.CanSeek || !output.CanWrite)
        {
            throw new ArgumentException("FLAC output must be a writable, seekable stream", nameof(output));
        }
        if (compressionLevel is < 0 or > 8)
        {
            throw new FlacException($"compression level {compressionLevel} is not 0 to 8");
        }
        if (channels is < 1 or > 8 || bitsPerSample is < 4 or > 32 || sampleRate is < 1 or > 1_048_575)
        {
            throw new FlacException($"FLAC cannot hold {channels} channels of {bitsPerSample}-bit samples at {sampleRate} Hz");
        }
        _output = output;
        _base = output.Position;
        _channels = channels;
        var f = LibFlac.F;
        _encoder = f.EncoderNew();
        if (_encoder == 0)
        {
            throw new FlacException("libFLAC could not make an encoder");
        }
        _self = GCHandle.Alloc(this);
        // The streamable subset caps samples at 24 bits and rates at 655350 Hz; past those the stream is still FLAC.
        bool subset = bitsPerSample <= 24 && sampleRate <= 655_350;
        bool set = f.EncoderSetChannels(_encoder, (uint)channels) != 0
            & f.EncoderSetBitsPerSample(_encoder, (uint)bitsPerSample) != 0
            & f.EncoderSetSampleRate(_encoder, (uint)sampleRate) != 0
            & f.EncoderSetCompressionLevel(_encoder, (uint)compressionLevel) != 0
            & f.EncoderSetStreamableSubset(_encoder, subset ? 1 : 0) != 0
            & f.EncoderSetTotalSamplesEstimate(_encoder, (ulong)totalFrames) != 0;
        int status = set
            ? f.EncoderInitStream(_encoder, &Write, &Seek, &Tell, 0, GCHandle.ToIntPtr(_self))
            : -1;
        if (status != LibFlac.EncoderInitOk)
        {
            string state = LibFlac.Text(f.EncoderResolvedState(_encoder));
            Dispose();
            throw new FlacException($"libFLAC refused {channels} ch, {bitsPerSample}-bit, {sampleRate} Hz (init status {status}, {state})");
        }
    }

    /// <summary>"libFLAC 1.4.2".</summary>
    public static string Version => $"libFLAC {LibFlac.Version}";

    /// <summary>Bytes of FLAC written so far (all of it after <see cref="Finish"/>).</summary>
    public long Length { get; private set; }

    /// <summary>Encodes whole frames of interleaved samples, each within the stream's bit depth.</summary>
    public void Write(ReadOnlySpan<int> interleaved)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (interleaved.Length % _channels != 0)
        {
            throw new ArgumentException($"{interleaved.Length} samples are not whole frames of {_channels} channels", nameof(interleaved));
        }
        if (interleaved.IsEmpty)
        {
            return;
        }
        fixed (int* samples = interleaved)
        {
            if (LibFlac.F.EncoderProcessInterleaved(_encoder, samples, (uint)(interleaved.Length / _channels)) == 0)
            {
                throw Failure("encode");
            }
        }
    }

    /// <summary>Flushes the last frames and rewrites STREAMINFO; the output is left at the stream's end.</summary>
    public long Finish()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        if (LibFlac.F.EncoderFinish(_encoder) == 0)
        {
            throw Failure("finish");
        }
        if (_failure is not null)
        {
            throw Failure("finish");
        }
        _output.Position = _base + Length;
        return Length;
    }

    public void Dispose()
    {
        if (_encoder != 0)
        {
            LibFlac.F.EncoderDelete(_encoder);
            _encoder = 0;
        }
        if (_self.IsAllocated)
        {
            _self.Free();
        }
        _finished = true;
    }

    private Exception Failure(string step) => _failure is { } e
        ? new FlacException($"{step}: writing the stream failed: {e.Message}")
        : new FlacException($"{step}: {LibFlac.Text(LibFlac.F.EncoderResolvedState(_encoder))}");

    private static FlacEncoder From(nint client) => (FlacEncoder)GCHandle.FromIntPtr(client).Target!;

    [UnmanagedCallersOnly]
    private static int Write(nint encoder, byte* buffer, nuint bytes, uint samples, uint frame, nint client)
    {
        var self = From(client);
        try
        {
            self._output.Write(new ReadOnlySpan<byte>(buffer, checked((int)bytes)));
            self.Length = Math.Max(self.Length, self._output.Position - self._base);
            return LibFlac.WriteStatusContinue;
        }
        catch (Exception e)
        {
            self._failure ??= e;
            return LibFlac.WriteStatusAbort;
        }
    }

    [UnmanagedCallersOnly]
    private static int Seek(nint encoder, ulong offset, nint client)
    {
        var self = From(client);
        try
        {
            self._output.Position = self._base + (long)offset;
            return LibFlac.SeekStatusOk;
        }
        catch (Exception e)
        {
            self._failure ??= e;
            return LibFlac.SeekStatusError;
        }
    }

    [UnmanagedCallersOnly]
    private static int Tell(nint encoder, ulong* offset, nint client)
    {
        var self = From(client);
        try
        {
            *offset = (ulong)(self._output.Position - self._base);
            return LibFlac.TellStatusOk;
        }
        catch (Exception e)
        {
            self._failure ??= e;
            return LibFlac.TellStatusError;
        }
    }
}
