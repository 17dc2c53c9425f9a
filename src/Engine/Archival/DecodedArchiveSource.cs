using Hark.Media.Decode;
using Hark.Media.Probe;

namespace Hark.Engine.Archival;

/// <summary>
/// Any other file ffmpeg reads (FLAC, AIFF, W64, MP3, AAC...), decoded by an ffmpeg process per chunk. Integer PCM
/// keeps its bit depth; a lossy or float source is decoded and kept as 24-bit integers, and says so
/// (<see cref="ArchiveSource.DecodedFrom"/>). A chunk reads from the start and drops the frames before it: slower
/// than a seek, but exact for every codec.
/// </summary>
internal sealed class DecodedArchiveSource : ArchiveSource
{
    private const int LossyBits = 24;

    public required SourceInfo Info { get; init; }

    public static async Task<DecodedArchiveSource> OpenAsync(string path, CancellationToken ct)
    {
        var info = await MediaProbe.ProbeAsync(path, 0, ct);
        bool exact = !info.IsFloat && info.BitsPerRawSample is >= 4 and <= 32;
        // A compressed source's container may not state its length exactly: one decode counts it, as every chunk's will.
        long frames = info.TotalSamples ?? await CountFramesAsync(info, ct);
        return new DecodedArchiveSource
        {
            Info = info,
            SourceFile = Path.GetFullPath(path),
            Name = Path.GetFileNameWithoutExtension(path),
            SampleRate = info.SampleRate,
            Channels = info.Channels,
            BitsPerSample = exact ? info.BitsPerRawSample!.Value : LossyBits,
            TotalFrames = frames,
            SizeBytes = info.SizeBytes,
            DecodedFrom = exact ? null : info.CodecName,
            StartTime = info.StartTime,
        };
    }

    private static async Task<long> CountFramesAsync(SourceInfo info, CancellationToken ct)
    {
        await using var stream = PcmDecoder.Open(info, PcmSampleFormat.S32);
        var scratch = new int[4096 * info.Channels];
        while (await stream.ReadAsync(scratch, ct) > 0)
        {
        }
        return stream.FramesRead;
    }

    public override async Task<string?> Sha256Async(CancellationToken ct) => await FileSha256.OfAsync(Info.Path, ct);

    public override async Task<IFrameReader> OpenAsync(long start, long end, CancellationToken ct)
    {
        var stream = PcmDecoder.Open(Info, PcmSampleFormat.S32);
        var frames = new Frames(stream, Channels, DecodedFrom is null ? 0 : stream.BitsPerSample - LossyBits, end - start);
        await frames.SkipAsync(start, ct);
        return frames;
    }

    private sealed class Frames(PcmStream stream, int channels, int shift, long count) : IFrameReader
    {
        private long _left = count;

        public async Task SkipAsync(long frames, CancellationToken ct)
        {
            var scratch = new int[4096 * channels];
            while (frames > 0)
            {
                int read = await stream.ReadAsync(scratch.AsMemory(0, (int)Math.Min(4096, frames) * channels), ct);
                if (read == 0)
                {
                    throw new ArchiveRefusedException($"the source ended {frames} frames before the chunk's start");
                }
                frames -= read;
            }
        }

        public async ValueTask<int> ReadAsync(Memory<int> interleaved, CancellationToken ct)
        {
            int wanted = (int)Math.Min(interleaved.Length / channels, _left);
            if (wanted == 0)
            {
                return 0;
            }
            int frames = await stream.ReadAsync(interleaved.Slice(0, wanted * channels), ct);
            if (shift > 0)
            {
                // Full-scale 32-bit decoded samples to 24 bits, rounded to nearest.
                var span = interleaved.Span.Slice(0, frames * channels);
                int max = (1 << (32 - shift - 1)) - 1;
                for (int i = 0; i < span.Length; i++)
                {
                    span[i] = (int)Math.Min(max, ((long)span[i] + (1L << (shift - 1))) >> shift);
                }
            }
            _left -= frames;
            return frames;
        }

        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }
}
