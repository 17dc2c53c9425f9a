using System.IO.Pipelines;
using Hark.Codec.Wav;

namespace Hark.Engine.Archival;

/// <summary>
/// A recording in the Hark archive, read through the front door as the WAV export reads it: a LAC recording gives
/// its exact integers, an AAC or Opus one its decoded float samples, kept as 24-bit integers (rounded, clipped to
/// full scale), and the manifest says so. Each chunk is one export of its sample range, streamed through a pipe.
/// </summary>
public sealed class RecordingArchiveSource : ArchiveSource
{
    public required IRecordingService Recordings { get; init; }
    public string? SourceSha256 { get; init; }

    public static async Task<RecordingArchiveSource> OpenAsync(IRecordingService recordings, string id, CancellationToken ct)
    {
        var metadata = await recordings.GetRecordingAsync(id, ct);
        bool exact = metadata.Codec == AudioCodec.Lac;
        // The export's WAV says the bit depth it writes; read it from a one-frame export rather than guess.
        int bits;
        await using (var probe = await OpenExportAsync(recordings, id, 0, Math.Min(1, metadata.TotalSamples), ct))
        {
            bits = probe.Format.IsFloat ? Frames.FloatBits : probe.Format.BitsPerSample;
        }
        return new RecordingArchiveSource
        {
            Recordings = recordings,
            RecordingId = id,
            SourceFile = $"recording:{id}",
            Name = id,
            SampleRate = metadata.SampleRate,
            Channels = metadata.Channels,
            BitsPerSample = bits,
            TotalFrames = metadata.TotalSamples,
            SizeBytes = metadata.SourceSize,
            SourceSha256 = metadata.SourceSha256,
            DecodedFrom = exact ? null : AudioCodecs.Name(metadata.Codec),
            StartTime = metadata.StartTime,
        };
    }

    public override Task<string?> Sha256Async(CancellationToken ct) => Task.FromResult(SourceSha256);

    public override async Task<IFrameReader> OpenAsync(long start, long end, CancellationToken ct) =>
        await OpenExportAsync(Recordings, RecordingId!, start, end, ct);

    private static async Task<Frames> OpenExportAsync(IRecordingService recordings, string id, long start, long end, CancellationToken ct)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var export = Task.Run(async () =>
        {
            var writer = pipe.Writer.AsStream();
            try
            {
                await recordings.ExportAsync(id, ExportFormat.Wav, start, end, writer, cancel.Token);
                await pipe.Writer.CompleteAsync();
            }
            catch (Exception e)
            {
                await pipe.Writer.CompleteAsync(e);
            }
        }, CancellationToken.None);
        var stream = pipe.Reader.AsStream();
        var reader = await Task.Run(() => new WavReader(stream, leaveOpen: true), ct);
        return new Frames(reader, stream, export, cancel);
    }

    private sealed class Frames(WavReader reader, Stream stream, Task export, CancellationTokenSource cancel) : IFrameReader
    {
        public const int FloatBits = 24;

        private byte[] _floats = [];

        public WavFormat Format => reader.Format;

        public async ValueTask<int> ReadAsync(Memory<int> interleaved, CancellationToken ct)
        {
            if (!reader.Format.IsFloat)
            {
                return await Task.Run(() => reader.ReadFrames(interleaved.Span), ct);
            }
            if (reader.Format.BitsPerSample != 32)
            {
                throw new ArchiveRefusedException($"the export's {reader.Format} samples cannot be archived");
            }
            // The reader has taken the header; the data chunk's 32-bit floats follow on the stream.
            int channels = reader.Format.Channels;
            int bytes = interleaved.Length / channels * channels * 4;
            if (_floats.Length < bytes)
            {
                _floats = new byte[bytes];
            }
            int read = await stream.ReadAtLeastAsync(_floats.AsMemory(0, bytes), bytes, throwOnEndOfStream: false, ct);
            int frames = read / (4 * channels);
            var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(_floats.AsSpan(0, frames * channels * 4));
            var destination = interleaved.Span;
            const double scale = 1 << (FloatBits - 1);
            for (int i = 0; i < samples.Length; i++)
            {
                destination[i] = (int)Math.Clamp(Math.Round(samples[i] * scale), -scale, scale - 1);
            }
            return frames;
        }

        public async ValueTask DisposeAsync()
        {
            await cancel.CancelAsync();
            reader.Dispose();
            await stream.DisposeAsync();
            try
            {
                await export;
            }
            finally
            {
                cancel.Dispose();
            }
        }
    }
}
