using System.Globalization;
using Hark.Codec.Adts;
using Hark.Codec.Mp4;
using Hark.Engine.Export;
using Hark.Media.Aac;

namespace Hark.Engine.Stations;

/// <summary>
/// A station's timeline as one M4A file of stored AAC frames, never re-encoded, gaps filled with silent AAC frames.
/// Frames are 1024 samples, so a recording can only start on the frame grid: each later recording is placed within
/// half a frame of its true time (the error does not add up along the file: every placement aims at the absolute
/// time), while the first one and the whole file's length are exact through the edit list. A recording joined
/// after a gap or another recording starts without its decoder pre-roll, so its first frame decodes against the
/// previous frame's overlap: a ~20 ms transition at each join, as any splice of AAC streams has.
/// </summary>
public static class StationM4aExport
{
    private const int FrameSamples = AdtsHeader.SamplesPerRawDataBlock;

    /// <param name="scratchDirectory">Where the frames wait while the header (which needs every frame's size) is built.</param>
    public static async Task<StationM4aReport> WriteAsync(IRecordingService recordings, StationTimeline timeline, Stream destination,
        string scratchDirectory, CancellationToken ct)
    {
        var audio = timeline.Pieces.Where(p => !p.IsGap).ToList();
        var first = audio[0].Recording!;
        if (first.Codec != AudioCodec.Aac)
        {
            throw new ExportNotPossibleException($"station {timeline.Station}: its recordings are {first.Codec.Name()}; m4a carries AAC recordings (export as wav)");
        }
        if (audio.Select(p => p.Recording!.AudioSpecificConfig).Distinct().Count() > 1)
        {
            throw new ExportNotPossibleException($"station {timeline.Station}: its recordings were encoded with different AAC configurations; export as wav");
        }
        var config = Convert.FromHexString(first.AudioSpecificConfig!);
        var silent = AacSilentFrame.For((config[1] >> 3) & 0xF);
        Directory.CreateDirectory(scratchDirectory);
        string payloadPath = Path.Combine(scratchDirectory, $"station-{Guid.NewGuid():N}.frames");
        string piecePath = payloadPath + ".piece";
        var sizes = new List<int>();
        long mediaTime = 0;
        long maxPlacementError = 0;
        try
        {
            await using (var payload = new FileStream(payloadPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                async Task AppendAsync(ReadOnlyMemory<byte> frame)
                {
                    await payload.WriteAsync(frame, ct);
                    sizes.Add(frame.Length);
                }

                foreach (var piece in audio)
                {
                    var meta = piece.Recording!;
                    long encodedStart = piece.RecordingStart + meta.PrimingSamples;
                    long encodedEnd = piece.RecordingStart + piece.Count + meta.PrimingSamples;
                    int firstFrame;
                    if (sizes.Count == 0 && piece.TimelineStart == 0)
                    {
                        // The file starts with this recording: exact, with its pre-roll, through the edit list.
                        var frames = ExportFrames.For(meta, (int)meta.FrameCount, meta.SamplesPerFrame, piece.RecordingStart, piece.RecordingStart + piece.Count);
                        firstFrame = frames.FirstFrame;
                        mediaTime = frames.SkippedSamples;
                    }
                    else
                    {
                        long target = piece.TimelineStart + mediaTime;
                        long decoded = (long)sizes.Count * FrameSamples;
                        for (long k = Math.Max(0, (target - decoded) / FrameSamples); k > 0; k--)
                        {
                            await AppendAsync(silent);
                        }
                        long remainder = target - (long)sizes.Count * FrameSamples;
                        firstFrame = (int)Math.Clamp((long)Math.Round((encodedStart - remainder) / (double)FrameSamples), 0, meta.FrameCount - 1);
                        long error = (long)sizes.Count * FrameSamples + (encodedStart - (long)firstFrame * FrameSamples) - target;
                        maxPlacementError = Math.Max(maxPlacementError, Math.Abs(error));
                    }
                    int lastFrame = (int)Math.Min(meta.FrameCount - 1, (encodedEnd - 1) / FrameSamples);
                    await CopyFramesAsync(recordings, meta, firstFrame, Math.Max(lastFrame, firstFrame), piecePath, AppendAsync, ct);
                }
                long needed = mediaTime + timeline.TotalSamples;
                while ((long)sizes.Count * FrameSamples < needed)
                {
                    await AppendAsync(silent);
                }
            }
            var track = new M4aTrack(timeline.SampleRate, timeline.Channels, config, FrameSamples, sizes, mediaTime, timeline.TotalSamples,
                timeline.From, Tags(timeline))
            {
                Timecode = Mp4Timecode.RateFor(timeline.SampleRate) is { } framesPerSecond
                    ? Mp4Timecode.At(timeline.From, 0, timeline.SampleRate, framesPerSecond)
                    : null,
            };
            var header = M4aHeader.For(track);
            await destination.WriteAsync(header.Bytes, ct);
            await using (var payload = new FileStream(payloadPath, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await payload.CopyToAsync(destination, ct);
            }
            await destination.FlushAsync(ct);
            return new StationM4aReport(sizes.Count, maxPlacementError);
        }
        finally
        {
            File.Delete(payloadPath);
            File.Delete(piecePath);
        }
    }

    /// <summary>
    /// Frames [first, last] of a recording through the front door's ADTS export. An export of a stretch starts one
    /// frame before the first it needs (its pre-roll), so the stretch asked for begins a frame after <paramref name="first"/>.
    /// </summary>
    private static async Task CopyFramesAsync(IRecordingService recordings, RecordingMetadata meta, int first, int last, string scratch,
        Func<ReadOnlyMemory<byte>, Task> append, CancellationToken ct)
    {
        long from = first == 0 ? 0 : Math.Max(1, (long)(first + 1) * FrameSamples - meta.PrimingSamples);
        long to = last >= meta.FrameCount - 1 ? meta.TotalSamples : Math.Max(from + 1, (long)last * FrameSamples - meta.PrimingSamples + 1);
        await using (var file = File.Create(scratch))
        {
            await recordings.ExportAsync(meta.Id, ExportFormat.Adts, from, Math.Min(to, meta.TotalSamples), file, ct);
        }
        await using var input = File.OpenRead(scratch);
        using var adts = new AdtsFrameReader(input);
        int index = ExportFrames.For(meta, (int)meta.FrameCount, meta.SamplesPerFrame, from, Math.Min(to, meta.TotalSamples)).FirstFrame;
        while (adts.TryReadNext(out var frame))
        {
            if (index >= first && index <= last)
            {
                await append(frame.Payload);
            }
            index++;
        }
    }

    private static List<ItunesTag> Tags(StationTimeline timeline)
    {
        static string Time(DateTimeOffset t) => UtcText.Of(t);
        var pieces = timeline.Pieces;
        var recordingsList = string.Join(", ", pieces.Where(p => !p.IsGap).Select(p => p.Recording!.Id));
        var gaps = string.Join("; ", timeline.Gaps.Select(g => string.Create(CultureInfo.InvariantCulture,
            $"{Time(timeline.TimeAt(g.TimelineStart))} +{(double)g.Count / timeline.SampleRate:0.000} s")));
        return
        [
            ItunesTag.Atom("©nam", $"{timeline.Station} {Time(timeline.From)}"),
            ItunesTag.Atom("©too", $"Hark {M4aTags.HarkVersion}"),
            ItunesTag.Atom("©day", Time(timeline.From)),
            ItunesTag.Freeform(M4aTags.Namespace, "station", timeline.Station),
            ItunesTag.Freeform(M4aTags.Namespace, "start_time", Time(timeline.From)),
            ItunesTag.Freeform(M4aTags.Namespace, "recordings", recordingsList),
            ItunesTag.Freeform(M4aTags.Namespace, "gaps", gaps.Length == 0 ? "none" : gaps),
        ];
    }
}
