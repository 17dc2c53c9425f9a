using System.Globalization;
using Hark.Codec.Mp4;
using Hark.Engine.Export;
using Hark.Media.Aac;
using Hark.Media.Opus;

namespace Hark.Engine.Stations;

/// <summary>
/// A station's timeline as one M4A file of stored AAC frames or Opus packets, never re-encoded, gaps filled with
/// silence of the same codec (a silent AAC frame; an Opus packet of digital silence, DTX off). Frames are 1024
/// samples (Opus packets 960), so a recording can only start on the frame grid: each later recording is placed within
/// half a frame of its true time (the error does not add up along the file: every placement aims at the absolute
/// time), while the first one and the whole file's length are exact through the edit list. A recording joined
/// after a gap or another recording starts without its decoder pre-roll, so its first frame decodes against the
/// previous frame's overlap: a ~20 ms transition at each join, as any splice of AAC streams has.
/// </summary>
public static class StationM4aExport
{
    /// <param name="scratchDirectory">Where the frames wait while the header (which needs every frame's size) is built.</param>
    public static async Task<StationM4aReport> WriteAsync(IRecordingService recordings, StationTimeline timeline, Stream destination,
        string scratchDirectory, CancellationToken ct)
    {
        var audio = timeline.Pieces.Where(p => !p.IsGap).ToList();
        var first = audio[0].Recording!;
        if (first.Codec == AudioCodec.Lac)
        {
            throw new ExportNotPossibleException($"station {timeline.Station}: its recordings are {first.Codec.Name()}; m4a carries AAC or Opus recordings (export as wav)");
        }
        if (audio.Select(p => (p.Recording!.AudioSpecificConfig, p.Recording.PrimingSamples, p.Recording.SamplesPerFrame)).Distinct().Count() > 1)
        {
            throw new ExportNotPossibleException($"station {timeline.Station}: its recordings were encoded with different configurations; export as wav");
        }
        bool opus = first.Codec == AudioCodec.Opus;
        int frameSamples = first.SamplesPerFrame;
        var config = opus ? [] : Convert.FromHexString(first.AudioSpecificConfig!);
        var silent = opus ? OpusSilence.Packet(first.Channels, first.Bitrate) : AacSilentFrame.For((config[1] >> 3) & 0xF);
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
                        long decoded = (long)sizes.Count * frameSamples;
                        for (long k = Math.Max(0, (target - decoded) / frameSamples); k > 0; k--)
                        {
                            await AppendAsync(silent);
                        }
                        long remainder = target - (long)sizes.Count * frameSamples;
                        firstFrame = (int)Math.Clamp((long)Math.Round((encodedStart - remainder) / (double)frameSamples), 0, meta.FrameCount - 1);
                        long error = (long)sizes.Count * frameSamples + (encodedStart - (long)firstFrame * frameSamples) - target;
                        maxPlacementError = Math.Max(maxPlacementError, Math.Abs(error));
                    }
                    int lastFrame = (int)Math.Min(meta.FrameCount - 1, (encodedEnd - 1) / frameSamples);
                    await CopyFramesAsync(recordings, meta, firstFrame, Math.Max(lastFrame, firstFrame), piecePath, AppendAsync, ct);
                }
                long needed = mediaTime + timeline.TotalSamples;
                while ((long)sizes.Count * frameSamples < needed)
                {
                    await AppendAsync(silent);
                }
            }
            var track = new M4aTrack(timeline.SampleRate, timeline.Channels, config, frameSamples, sizes, mediaTime, timeline.TotalSamples,
                timeline.From, Tags(timeline))
            {
                Opus = opus ? OpusDops.For(first) : null,
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
    /// Frames [first, last] of a recording through the front door's M4A export of the samples they hold: the export
    /// starts at or before <paramref name="first"/> (its pre-roll), and its sample table says where each frame lies.
    /// </summary>
    private static async Task CopyFramesAsync(IRecordingService recordings, RecordingMetadata meta, int first, int last, string scratch,
        Func<ReadOnlyMemory<byte>, Task> append, CancellationToken ct)
    {
        int frameSamples = meta.SamplesPerFrame;
        long from = Math.Clamp((long)first * frameSamples - meta.PrimingSamples, 0, meta.TotalSamples - 1);
        long to = last >= meta.FrameCount - 1 ? meta.TotalSamples : Math.Clamp((long)(last + 1) * frameSamples - meta.PrimingSamples, from + 1, meta.TotalSamples);
        await using (var file = File.Create(scratch))
        {
            await recordings.ExportAsync(meta.Id, ExportFormat.M4a, from, to, file, ct);
        }
        int exportFirst = ExportFrames.For(meta, (int)meta.FrameCount, frameSamples, from, to).FirstFrame;
        await using var input = File.OpenRead(scratch);
        var samples = Mp4AudioSamples.Read(input);
        var frame = new byte[samples.Sizes.DefaultIfEmpty(0).Max()];
        for (int i = 0; i < samples.Count; i++)
        {
            int index = exportFirst + i;
            if (index < first || index > last)
            {
                continue;
            }
            input.Position = samples.Offsets[i];
            await input.ReadExactlyAsync(frame.AsMemory(0, samples.Sizes[i]), ct);
            await append(frame.AsMemory(0, samples.Sizes[i]));
        }
    }

    private static List<ItunesTag> Tags(StationTimeline timeline)
    {
        static string Time(DateTimeOffset t) => UtcText.Of(t);
        var pieces = timeline.Pieces;
        var recordingsList = string.Join(", ", pieces.Where(p => !p.IsGap).Select(p => p.Recording!.Id));
        var gaps = timeline.GapList;
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
