// Why this file starts ffmpeg itself rather than through FFMpegCore (which Hark uses for ffprobe): FFMpegCore's
// pipe output (FFMpegArguments...OutputToPipe(StreamPipeSink)) pushes ffmpeg's stdout into a callback through a
// named pipe it creates, while PcmStream is pulled by its reader one buffer at a time; bridging the two would need
// a second bounded buffer and a pump task. FFMpegCore (through Instances) also keeps every stderr line in memory,
// and ffmpeg can print one per damaged packet of a multi-day file, and it passes the input inside one quoted
// command-line string. Hark's own process code keeps memory at one pipe buffer plus the last 16 stderr lines,
// passes arguments one by one, and ends ffmpeg on dispose, cancellation or inactivity (see PcmStream).
using System.Globalization;
using Hark.Media.Probe;
using Hark.Media.Tools;

namespace Hark.Media.Decode;

/// <summary>
/// Decodes any file ffmpeg reads (WAV, W64, RF64, FLAC, MP3, Ogg, MP4...) to interleaved PCM through an ffmpeg
/// process, streaming: memory stays at one pipe buffer whatever the file's length.
/// </summary>
public static class PcmDecoder
{
    /// <summary>Probes <paramref name="path"/> and starts decoding its first audio stream.</summary>
    public static Task<PcmStream> OpenAsync(string path, PcmSampleFormat format, CancellationToken ct) => OpenAsync(path, 0, format, ct);

    /// <summary>Probes <paramref name="path"/> and starts decoding audio stream <paramref name="audioStream"/>.</summary>
    /// <param name="sampleRate">Resample to this rate (ffmpeg's swresample); null keeps the source's rate.</param>
    public static async Task<PcmStream> OpenAsync(string path, int audioStream, PcmSampleFormat format, CancellationToken ct, int? sampleRate = null)
    {
        var info = await MediaProbe.ProbeAsync(path, audioStream, ct).ConfigureAwait(false);
        return Open(sampleRate is { } rate ? info with { SampleRate = rate } : info, format);
    }

    /// <summary>
    /// Starts decoding a probed source. The output has <paramref name="source"/>'s rate and channel count (pinned with
    /// -ar/-ac so a stream that changes mid-way cannot change the frame size under the reader; a rate other than the
    /// file's resamples).
    /// S32 values are the source's integers: ffmpeg's s32 output is shifted right by 32 - bits, where bits is
    /// <see cref="SourceInfo.BitsPerRawSample"/> (u8 sources come out as -128..127, s16 as -32768..32767, 24-bit
    /// as -2^23..2^23-1). Float sources have no bit depth: they come out as full-scale 32-bit integers.
    /// </summary>
    public static PcmStream Open(SourceInfo source, PcmSampleFormat format)
    {
        SourceFile.RefuseSpecial(source.Path);
        return Open(source, format, FileUrl.For(source.Path), MediaTimeouts.Inactivity);
    }

    /// <summary>
    /// Decodes <paramref name="input"/> (what ffmpeg's -i gets) as the probed <paramref name="source"/>; ffmpeg is
    /// killed when a read waits longer than <paramref name="inactivity"/> for output. Tests pass other inputs and
    /// a shorter bound.
    /// </summary>
    internal static PcmStream Open(SourceInfo source, PcmSampleFormat format, string input, TimeSpan inactivity)
    {
        int bits = format == PcmSampleFormat.S32 ? source.BitsPerRawSample ?? 32 : 32;
        var (codec, muxer) = format == PcmSampleFormat.S32 ? ("pcm_s32le", "s32le") : ("pcm_f32le", "f32le");
        string[] arguments =
        [
            "-nostdin", "-hide_banner", "-loglevel", "error",
            "-i", input,
            "-map", string.Create(CultureInfo.InvariantCulture, $"0:a:{source.AudioStream}"),
            "-ar", source.SampleRate.ToString(CultureInfo.InvariantCulture),
            "-ac", source.Channels.ToString(CultureInfo.InvariantCulture),
            "-c:a", codec, "-f", muxer, "pipe:1",
        ];
        var process = ChildProcess.Start(MediaTools.Ffmpeg, arguments, redirectInput: false);
        return new PcmStream(process, source, format, bits, inactivity);
    }
}
