using Hark.Codec.Wav;
using Hark.Engine.Segments;

namespace Hark.Engine.Stations;

/// <summary>
/// A station's timeline as one WAV file, sample-exact: each recording's stretch as its segment read gives it (the
/// same WAV samples a segment read writes), each gap as digital silence. Streams through the front door, so it works
/// on a node's HTTP API as on a local archive, and memory stays at one copy buffer.
/// </summary>
public static class StationWavExport
{
    public static async Task WriteAsync(IRecordingService recordings, StationTimeline timeline, Stream destination, CancellationToken ct)
    {
        var format = SegmentOutput.WavFormatOf(timeline.Pieces.First(p => !p.IsGap).Recording!);
        long dataBytes = timeline.TotalSamples * format.BlockAlign;
        if (dataBytes > uint.MaxValue)
        {
            throw new ExportNotPossibleException(
                $"station {timeline.Station}: {dataBytes} bytes of audio do not fit a WAV file (4 GiB); export a shorter range, or as m4a");
        }
        var header = new byte[WavHeader.LengthFor(format)];
        WavHeader.Write(header, format, (uint)dataBytes);
        await destination.WriteAsync(header, ct);
        var silence = new byte[1 << 16];
        foreach (var piece in timeline.Pieces)
        {
            if (piece.IsGap)
            {
                for (long left = piece.Count * format.BlockAlign; left > 0; left -= silence.Length)
                {
                    await destination.WriteAsync(silence.AsMemory(0, (int)Math.Min(left, silence.Length)), ct);
                }
                continue;
            }
            // Each segment brings its own WAV header; the file has one.
            await using var body = new SkipStream(destination, header.Length);
            await recordings.WriteSegmentAsync(piece.Recording!.Id, piece.RecordingStart, piece.Count, SegmentFormat.Wav, body, ct);
        }
        await destination.FlushAsync(ct);
    }
}
