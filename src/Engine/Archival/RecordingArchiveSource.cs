using System.IO.Pipelines;
using Hark.Codec.Wav;

namespace Hark.Engine.Archival;

/// <summary>
/// A recording in the Hark archive, read through the front door as the WAV export reads it: a LAC recording gives
/// its exact integers, an AAC or Opus one its decoded samples (and the manifest says so). Each chunk is one export
/// of its sample range, streamed through a pipe.
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
            bits = probe.Format.BitsPerSample;
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
        public WavFormat Format => reader.Format;

        public async ValueTask<int> ReadAsync(Memory<int> interleaved, CancellationToken ct) =>
            await Task.Run(() => reader.ReadFrames(interleaved.Span), ct);

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
