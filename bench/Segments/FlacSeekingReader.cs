using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hark.Bench.Segments;

/// <summary>
/// Reads samples S..S+N of a FLAC file in-process through libFLAC: seek_absolute (seek table, then a search), then
/// process_single until the range is filled. libFLAC hands the seek target's frame over already trimmed to S.
/// </summary>
internal sealed unsafe class FlacSeekingReader : IDisposable
{
    private nint _decoder;
    private GCHandle _self;
    private int[] _destination = [];
    private long _start;
    private int _count;
    private int _channels;
    private int _filled;
    private string? _error;

    public FlacSeekingReader(string path)
    {
        _decoder = LibFlac.DecoderNew();
        if (_decoder == 0)
        {
            throw new InvalidOperationException("FLAC__stream_decoder_new failed");
        }
        _self = GCHandle.Alloc(this);
        int status = LibFlac.DecoderInitFile(_decoder, path, &OnWrite, 0, &OnError, GCHandle.ToIntPtr(_self));
        if (status != LibFlac.InitStatusOk || LibFlac.DecoderProcessUntilEndOfMetadata(_decoder) == 0)
        {
            Dispose();
            throw new InvalidOperationException($"libFLAC could not open {path} (init status {status})");
        }
        TotalSamples = (long)LibFlac.DecoderGetTotalSamples(_decoder);
    }

    public long TotalSamples { get; }

    /// <summary>Fills <paramref name="interleaved"/> with count x channels samples from <paramref name="start"/>.</summary>
    public void Read(long start, int count, int channels, int[] interleaved)
    {
        _destination = interleaved;
        _start = start;
        _count = count;
        _channels = channels;
        _filled = 0;
        _error = null;
        if (LibFlac.DecoderSeekAbsolute(_decoder, (ulong)start) == 0)
        {
            // A failed seek leaves the decoder in SEEK_ERROR; a flush makes it usable again.
            LibFlac.DecoderFlush(_decoder);
            throw new InvalidOperationException($"seek to {start} failed (state {LibFlac.DecoderGetState(_decoder)}) {_error}");
        }
        while (_filled < count)
        {
            if (LibFlac.DecoderProcessSingle(_decoder) == 0 || _error is not null)
            {
                throw new InvalidOperationException($"decoding after {start} failed (state {LibFlac.DecoderGetState(_decoder)}) {_error}");
            }
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnWrite(nint decoder, LibFlac.FrameHeader* header, int** buffer, nint client)
    {
        var self = (FlacSeekingReader)GCHandle.FromIntPtr(client).Target!;
        if (header->NumberType != LibFlac.FrameNumberTypeSample)
        {
            self._error = "frame numbered by frame, not by sample";
            return LibFlac.WriteStatusAbort;
        }
        long frameStart = (long)header->SampleNumber;
        int blocksize = (int)header->Blocksize;
        long position = self._start + self._filled;
        if (frameStart + blocksize <= position || self._filled >= self._count)
        {
            return LibFlac.WriteStatusContinue;
        }
        int from = (int)(position - frameStart);
        if (from < 0)
        {
            self._error = $"frame at {frameStart} skips past sample {position}";
            return LibFlac.WriteStatusAbort;
        }
        int take = Math.Min(blocksize - from, self._count - self._filled);
        int channels = self._channels;
        var destination = self._destination;
        for (int c = 0; c < channels; c++)
        {
            int* source = buffer[c] + from;
            int at = self._filled * channels + c;
            for (int i = 0; i < take; i++, at += channels)
            {
                destination[at] = source[i];
            }
        }
        self._filled += take;
        return LibFlac.WriteStatusContinue;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnError(nint decoder, int status, nint client)
    {
        var self = (FlacSeekingReader)GCHandle.FromIntPtr(client).Target!;
        self._error = $"libFLAC error status {status}";
    }

    public void Dispose()
    {
        if (_decoder != 0)
        {
            LibFlac.DecoderFinish(_decoder);
            LibFlac.DecoderDelete(_decoder);
            _decoder = 0;
        }
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }
}
