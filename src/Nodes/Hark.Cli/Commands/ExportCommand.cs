using System.Buffers;
using System.CommandLine;
using Hark.Codec.Adts;
using Hark.Engine.Segments;
using Hark.Storage;

namespace Hark.Cli.Commands;

/// <summary><c>hark export ID --format adts|wav [--from T] [--to T] -o OUT</c>.</summary>
internal static class ExportCommand
{
    private const int FramesPerRead = 256;

    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "Recording id." };
        var format = new Option<string>("--format") { Description = "adts (the stored AAC frames, no re-encoding) or wav.", Required = true };
        format.AcceptOnlyFromAmong("adts", "wav");
        var from = new Option<string?>("--from") { Description = "Start (HH:MM:SS.fff or seconds); default the beginning." };
        var to = new Option<string?>("--to") { Description = "End (HH:MM:SS.fff or seconds); default the end." };
        var output = new Option<string>("--output", "-o") { Description = "Output file, or - for standard output.", Required = true };
        var export = new Command("export", "Write a recording (or a stretch of it) as ADTS or WAV.") { id, format, from, to, output };
        CliAction.Bind(export, async (parse, ct) =>
        {
            var context = await ArchiveContext.OpenAsync(parse, ct);
            var reader = await context.Archive.OpenRecordingAsync(parse.GetValue(id)!, ct);
            var meta = reader.Metadata;
            long first = parse.GetValue(from) is { } f ? (long)Math.Round(Formatting.ParseTime(f, "--from") * meta.SampleRate) : 0;
            long end = parse.GetValue(to) is { } t ? (long)Math.Round(Formatting.ParseTime(t, "--to") * meta.SampleRate) : meta.TotalSamples;
            if (end > meta.TotalSamples || first >= end)
            {
                throw new SegmentRangeException($"--from/--to must lie within 0..{(double)meta.TotalSamples / meta.SampleRate:F3} s, start before end");
            }
            var path = parse.GetValue(output)!;
            await using var stream = path == "-" ? Console.OpenStandardOutput() : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            if (parse.GetValue(format) == "wav")
            {
                await context.Segments.ReadSegmentAsync(meta.Id, first, end - first, SegmentFormat.Wav, stream, ct);
            }
            else
            {
                await WriteAdtsAsync(reader, first, end, stream, ct);
            }
            return ExitCodes.Ok;
        });
        return export;
    }

    /// <summary>ADTS cuts at frames: the stretch starts one frame early (the decoder's pre-roll) and ends with the
    /// frame holding the last sample, so a player decodes every requested sample.</summary>
    private static async Task WriteAdtsAsync(RecordingReader reader, long first, long end, Stream stream, CancellationToken ct)
    {
        var meta = reader.Metadata;
        if (meta.Codec != "aac")
        {
            throw new InvalidOperationException($"recording '{meta.Id}' is {meta.Codec}; ADTS carries AAC only (use --format wav)");
        }
        var index = reader.Index;
        int firstFrame = first == 0 ? 0 : (int)Math.Max(0, (first + meta.PrimingSamples) / index.SamplesPerFrame - 1);
        int lastFrame = end == meta.TotalSamples ? index.FrameCount - 1 : (int)Math.Min(index.FrameCount - 1, (end - 1 + meta.PrimingSamples) / index.SamplesPerFrame);
        var writer = new AdtsWriter(stream, AdtsStreamFormat.FromAudioSpecificConfig(Convert.FromHexString(meta.AudioSpecificConfig!)));
        var buffer = ArrayPool<byte>.Shared.Rent(FramesPerRead * 8192);
        try
        {
            for (int frame = firstFrame; frame <= lastFrame; frame += FramesPerRead)
            {
                int count = Math.Min(FramesPerRead, lastFrame - frame + 1);
                long start = index.FrameOffset(frame);
                int bytes = (int)(index.FrameOffset(frame + count - 1) + index.FrameSize(frame + count - 1) - start);
                if (bytes > buffer.Length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(bytes);
                }
                await reader.ReadFramesAsync(frame, count, buffer.AsMemory(0, bytes), ct);
                int position = 0;
                for (int i = 0; i < count; i++)
                {
                    int size = index.FrameSize(frame + i);
                    writer.Write(buffer.AsSpan(position, size));
                    position += size;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
