using System.Runtime.InteropServices;
using Hark.Media.Flac.Native;

namespace Hark.Media.Flac;

/// <summary>Receives one decoded FLAC frame's samples, interleaved.</summary>
public delegate void FlacSamplesHandler(ReadOnlySpan<int> interleaved);

/// <summary>
/// Decodes a FLAC stream read from a <see cref="Stream"/> with libFLAC in process, MD5 checking on: every frame's
/// samples go to a handler as they are decoded, so memory is one frame whatever the stream's length. Any decode error
/// (lost sync, a bad CRC) or an MD5 that is not STREAMINFO's is a <see cref="FlacCorruptException"/>.
/// </summary>
public sealed unsafe class FlacDecoder : IDisposable
{
    private readonly Stream _input;
    private GCHandle _self;
    private nint _decoder;
    private FlacSamplesHandler? _handler;
    private int[] _interleaved = [];
    private Exception? _failure;
    private string? _decodeError;
    private FlacStreamInfo? _info;

    public FlacDecoder(Stream input)
    {
        _input = input;
        var f = LibFlac.F;
        _decoder = f.DecoderNew();
        if (_decoder == 0)
        {
            throw new FlacException("libFLAC could not make a decoder");
        }
        _self = GCHandle.Alloc(this);
        f.DecoderSetMd5Checking(_decoder, 1);
        int status = f.DecoderInitStream(_decoder, &Read, 0, 0, 0, 0, &WriteFrame, &Metadata, &Error, GCHandle.ToIntPtr(_self));
        if (status != LibFlac.DecoderInitOk)
        {
            Dispose();
            throw new FlacException($"libFLAC could not start a decoder (init status {status})");
        }
    }

    /// <summary>Reads the metadata blocks: the stream's format and length, before any sample.</summary>
    public FlacStreamInfo ReadStreamInfo()
    {
        var f = LibFlac.F;
        if (f.DecoderProcessUntilEndOfMetadata(_decoder) == 0 || _failure is not null || _decodeError is not null)
        {
            throw Corrupt("metadata");
        }
        return _info ?? throw new FlacCorruptException("no STREAMINFO: not a FLAC stream");
    }

    /// <summary>Decodes every frame to <paramref name="handler"/>, then checks the MD5; returns the frames decoded.</summary>
    public long DecodeAll(FlacSamplesHandler handler)
    {
        _handler = handler;
        var f = LibFlac.F;
        bool decoded = f.DecoderProcessUntilEndOfStream(_decoder) != 0;
        if (!decoded || _failure is not null || _decodeError is not null)
        {
            throw Corrupt("decode");
        }
        if (f.DecoderFinish(_decoder) == 0)
        {
            throw new FlacCorruptException("the decoded samples' MD5 is not the one STREAMINFO records");
        }
        return FramesDecoded;
    }

    public long FramesDecoded { get; private set; }

    public void Dispose()
    {
        if (_decoder != 0)
        {
            LibFlac.F.DecoderDelete(_decoder);
            _decoder = 0;
        }
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    private Exception Corrupt(string step)
    {
        if (_failure is FlacCorruptException corrupt)
        {
            return corrupt;
        }
        if (_failure is not null)
        {
            return new FlacException($"{step}: {_failure.Message}");
        }
        return new FlacCorruptException($"{step}: {_decodeError ?? LibFlac.Text(LibFlac.F.DecoderResolvedState(_decoder))}");
    }

    private static FlacDecoder From(nint client) => (FlacDecoder)GCHandle.FromIntPtr(client).Target!;

    [UnmanagedCallersOnly]
    private static int Read(nint decoder, byte* buffer, nuint* bytes, nint client)
    {
        var self = From(client);
        try
        {
            int wanted = (int)Math.Min(*bytes, 1 << 20);
            int read = self._input.Read(new Span<byte>(buffer, wanted));
            *bytes = (nuint)read;
            return read == 0 ? LibFlac.ReadStatusEndOfStream : LibFlac.ReadStatusContinue;
        }
        catch (Exception e)
        {
            self._failure ??= e;
            *bytes = 0;
            return LibFlac.ReadStatusAbort;
        }
    }

    [UnmanagedCallersOnly]
    private static int WriteFrame(nint decoder, nint frame, int** channels, nint client)
    {
        var self = From(client);
        try
        {
            // FLAC__FrameHeader starts blocksize, sample_rate, channels (three uint32).
            int blockSize = *(int*)frame;
            int channelCount = *((int*)frame + 2);
            int total = blockSize * channelCount;
            if (self._interleaved.Length < total)
            {
                self._interleaved = new int[total];
            }
            for (int c = 0; c < channelCount; c++)
            {
                int* source = channels[c];
                for (int i = 0; i < blockSize; i++)
                {
                    self._interleaved[i * channelCount + c] = source[i];
                }
            }
            self.FramesDecoded += blockSize;
            self._handler?.Invoke(self._interleaved.AsSpan(0, total));
            return LibFlac.WriteStatusContinue;
        }
        catch (Exception e)
        {
            self._failure ??= e;
            return LibFlac.WriteStatusAbort;
        }
    }

    [UnmanagedCallersOnly]
    private static void Metadata(nint decoder, byte* metadata, nint client)
    {
        // FLAC__StreamMetadata: type (0 = STREAMINFO), is_last, length, then at 16 the stream info: min/max block size,
        // min/max frame size, sample_rate, channels, bits_per_sample (uint32 each), total_samples (uint64 at 48).
        if (*(int*)metadata != 0)
        {
            return;
        }
        From(client)._info = new FlacStreamInfo(*(int*)(metadata + 32), *(int*)(metadata + 36), *(int*)(metadata + 40), *(long*)(metadata + 48));
    }

    [UnmanagedCallersOnly]
    private static void Error(nint decoder, int status, nint client)
    {
        var self = From(client);
        var strings = (nint*)LibFlac.F.DecoderErrorStatusStrings;
        self._decodeError ??= status is >= 0 and <= 4 ? LibFlac.Text(strings[status]) : $"decoder error {status}";
    }
}
