using Hark.Codec.Wav;
using Hark.Media.Probe;

namespace Hark.Engine.Import.Sources;

/// <summary>
/// This process's standard input as an import source, named <c>-</c>: a WAV stream (a recorder's, or
/// <c>ffmpeg ... -f wav -</c>) read once, front to back, as it arrives. Its header is read when the import is planned
/// (rate, channels, depth: there is no file for ffprobe); its samples go into staging like any decoded source, and its
/// SHA-256 and size are those of every byte read. Only a process that attached its input (the CLI running the import
/// in its own cluster of one) has it: a node never does, so <c>-</c> sent over HTTP is refused. One import a process.
/// </summary>
public static class StandardInput
{
    public const string Address = "-";

    private static readonly Lock Gate = new();
    private static Func<Stream>? _open;
    private static StandardInputSource? _taken;

    public static bool Is(string source) => source == Address;

    /// <summary>Lets an import in this process read <paramref name="open"/>'s stream as <c>-</c>.</summary>
    public static void Attach(Func<Stream> open)
    {
        lock (Gate)
        {
            _open = open;
        }
    }

    /// <summary>Opens the stream and reads its WAV header, once; a second import of <c>-</c> is refused.</summary>
    internal static StandardInputSource Take()
    {
        lock (Gate)
        {
            if (_open is null)
            {
                throw new ImportRefusedException("'-' (standard input) can be imported only by `hark import -` itself, not through a node");
            }
            if (_taken is not null)
            {
                throw new ImportRefusedException("standard input is read by one import only, and it is taken");
            }
            _taken = StandardInputSource.Open(_open());
            return _taken;
        }
    }

    /// <summary>The source <see cref="Take"/> opened, for staging it.</summary>
    internal static StandardInputSource Taken()
    {
        lock (Gate)
        {
            // A node resuming an import begun by `hark import -` in a process now gone: that input cannot be read again.
            return _taken ?? throw new ImportRefusedException("the standard input this import read belonged to a process that has ended; run `hark import -` again");
        }
    }
}

/// <summary>The WAV stream on standard input, its header read, its bytes hashed as they pass.</summary>
internal sealed class StandardInputSource : IDisposable
{
    private StandardInputSource(HashingReadStream hashed, WavReader reader)
    {
        Hashed = hashed;
        Reader = reader;
    }

    public HashingReadStream Hashed { get; }

    public WavReader Reader { get; }

    public static StandardInputSource Open(Stream input)
    {
        var hashed = new HashingReadStream(new BufferedStream(input, 1 << 20));
        try
        {
            var reader = new WavReader(hashed, leaveOpen: true);
            if (reader.Format.IsFloat)
            {
                throw new ImportRefusedException(
                    $"standard input: {reader.Format.BitsPerSample}-bit float WAV is not read from a stream; send integer PCM (ffmpeg: -c:a pcm_s24le)");
            }
            return new StandardInputSource(hashed, reader);
        }
        catch (WavFormatException e)
        {
            hashed.Dispose();
            throw new ImportRefusedException($"standard input: {e.Message} (`hark import -` reads a WAV stream, e.g. from ffmpeg ... -f wav -)");
        }
    }

    /// <summary>Reads what follows the samples (chunks after the data chunk) into the hash, so it is the whole stream's.</summary>
    public void ReadToEnd()
    {
        var buffer = new byte[1 << 16];
        while (Hashed.Read(buffer) > 0)
        {
        }
    }

    /// <summary>What the plan needs to know of the source, as a probe would say it.</summary>
    public SourceInfo Info
    {
        get
        {
            var format = Reader.Format;
            int bits = format.ValidBitsPerSample;
            return new SourceInfo(StandardInput.Address, "wav", $"pcm_s{format.BitsPerSample}le", format.SampleRate, format.Channels, null,
                DurationSeconds: 0, TotalSamples: null, SampleFormat: $"s{format.BitsPerSample}", BitsPerRawSample: bits, IsFloat: false,
                StartTime: null, SizeBytes: long.MaxValue);
        }
    }

    public void Dispose()
    {
        Reader.Dispose();
        Hashed.Dispose();
    }
}
