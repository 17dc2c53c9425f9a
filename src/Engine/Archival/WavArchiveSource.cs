using Hark.Codec.Wav;

namespace Hark.Engine.Archival;

/// <summary>An integer PCM WAV (or RF64) read in place: each chunk seeks to its first frame.</summary>
internal sealed class WavArchiveSource : ArchiveSource
{
    public required string Path { get; init; }

    public static WavArchiveSource? TryOpen(string path)
    {
        using var file = File.OpenRead(path);
        WavReader reader;
        try
        {
            reader = new WavReader(file, leaveOpen: true);
        }
        catch (WavFormatException)
        {
            return null;
        }
        using (reader)
        {
            var format = reader.Format;
            if (format.IsFloat || reader.TotalFrames is not { } frames || format.ValidBitsPerSample != format.BitsPerSample)
            {
                return null;
            }
            return new WavArchiveSource
            {
                Path = path,
                SourceFile = System.IO.Path.GetFullPath(path),
                Name = System.IO.Path.GetFileNameWithoutExtension(path),
                SampleRate = format.SampleRate,
                Channels = format.Channels,
                BitsPerSample = format.BitsPerSample,
                TotalFrames = frames,
                SizeBytes = file.Length,
            };
        }
    }

    public override async Task<string?> Sha256Async(CancellationToken ct) => await FileSha256.OfAsync(Path, ct);

    public override Task<IFrameReader> OpenAsync(long start, long end, CancellationToken ct)
    {
        var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var reader = new WavReader(file, leaveOpen: true);
        file.Position += start * reader.Format.BlockAlign;
        return Task.FromResult<IFrameReader>(new Frames(file, reader, end - start));
    }

    private sealed class Frames(FileStream file, WavReader reader, long count) : IFrameReader
    {
        private long _left = count;

        public ValueTask<int> ReadAsync(Memory<int> interleaved, CancellationToken ct)
        {
            int channels = reader.Format.Channels;
            int wanted = (int)Math.Min(interleaved.Length / channels, _left);
            int frames = wanted == 0 ? 0 : reader.ReadFrames(interleaved.Span.Slice(0, wanted * channels));
            _left -= frames;
            return ValueTask.FromResult(frames);
        }

        public ValueTask DisposeAsync()
        {
            reader.Dispose();
            return file.DisposeAsync();
        }
    }
}
