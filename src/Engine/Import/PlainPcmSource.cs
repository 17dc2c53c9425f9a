using Hark.Codec.Wav;
using Hark.Media.Probe;

namespace Hark.Engine.Import;

/// <summary>
/// Recognises a source whose samples can be read in place: a RIFF/WAVE file of 16- or 24-bit integer PCM, the
/// format field recorders write. Such an import skips staging: every chunk is encodable at once and nothing is
/// decoded, re-encoded losslessly or written to staging first.
/// </summary>
internal static class PlainPcmSource
{
    /// <summary>
    /// Where the samples start and how many there are (per channel) when <paramref name="path"/> holds integer PCM
    /// at <paramref name="bitDepth"/> with the probe's rate, channels and length, its data chunk wholly inside the
    /// file (never a size the file does not hold); null otherwise (then ffmpeg decodes it into staging, which also copes with truncated or unusual files).
    /// </summary>
    /// <summary>
    /// The length in samples per channel a WAV/RF64 header states for its data chunk (which ffprobe, measuring the
    /// file, does not report for a file cut short); null for other files or a length left unstated.
    /// </summary>
    public static long? DeclaredSamples(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            using var wav = new WavReader(stream, leaveOpen: true);
            return wav.DeclaredFrames;
        }
        catch (WavFormatException)
        {
            return null;
        }
    }

    public static (long Offset, long Samples)? FindSamples(string path, SourceInfo source, int bitDepth)
    {
        if (source.IsFloat || bitDepth is not (16 or 24))
        {
            return null;
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            using var wav = new WavReader(stream, leaveOpen: true);
            var format = wav.Format;
            if (format.IsFloat || format.BitsPerSample != bitDepth || format.ValidBitsPerSample != bitDepth
                || format.SampleRate != source.SampleRate || format.Channels != source.Channels || wav.DataLength is not { } length)
            {
                return null;
            }
            // DataLength never runs past the end of the file; a data chunk cut short is staged (and reported short).
            long offset = stream.Position;
            long frames = length / format.BlockAlign;
            if (wav.IsTruncated || frames == 0 || (source.TotalSamples is { } probed && probed != frames))
            {
                return null;
            }
            return (offset, frames);
        }
        catch (WavFormatException)
        {
            return null;
        }
    }
}
