using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Hark.Codec.Adts;
using Hark.Media.Aac;
using Hark.Media.Errors;
using Hark.Media.Tools;

namespace Hark.Media.Encode;

/// <summary>
/// Encodes interleaved float PCM to AAC-LC with ffmpeg's native encoder. PCM goes to ffmpeg's stdin while ADTS
/// comes back on stdout, both at once (a pipe is only 64 KB: doing one after the other deadlocks). ADTS headers
/// are parsed with Hark's reader and stripped; the callback receives raw frames.
/// Perceptual noise substitution is off: its decoder-side random noise would make two decodes of one frame differ.
/// ffmpeg is killed when it takes no PCM and gives no ADTS for <see cref="MediaTimeouts.Inactivity"/> while Hark waits
/// on it (time spent in the callbacks is not counted).
/// </summary>
public static class AacEncoder
{
    /// <summary>ffmpeg's aac encoder delays its output by one frame.</summary>
    public const int FfmpegPrimingSamples = 1024;

    private const int FramesPerWrite = 4096;

    /// <param name="readPcm">Fills interleaved floats; returns frames (samples per channel) written, 0 at the end.</param>
    /// <param name="onRawFrame">Receives each raw AAC frame; the memory is reused after the returned task completes.</param>
    public static Task<AacEncodeResult> EncodeAsync(
        AacEncoderSettings settings,
        Func<Memory<float>, CancellationToken, ValueTask<int>> readPcm,
        Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onRawFrame,
        CancellationToken ct) =>
        EncodeAsync(settings, readPcm, onRawFrame, MediaTools.Ffmpeg, MediaTimeouts.Inactivity, ct);

    /// <summary>The encode with another program in ffmpeg's place and another inactivity bound, for tests.</summary>
    internal static async Task<AacEncodeResult> EncodeAsync(
        AacEncoderSettings settings,
        Func<Memory<float>, CancellationToken, ValueTask<int>> readPcm,
        Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onRawFrame,
        string program,
        TimeSpan inactivity,
        CancellationToken ct)
    {
        settings.Validate();
        string version = await FfmpegVersion.GetAsync().ConfigureAwait(false);
        using var process = ChildProcess.Start(program, Arguments(settings), redirectInput: true);
        var stderr = new StderrTail(process);
        using var watchdog = new InactivityWatchdog(process, inactivity);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);

        // Either side failing must stop the other: a writer blocked on a full stdin never sees the reader's error.
        var writer = Task.Run(() => WritePcmAsync(process.StandardInput.BaseStream, settings.Channels, readPcm, watchdog, failed.Token), CancellationToken.None);
        var reader = Task.Run(() => AdtsFramePump.ReadAsync(new ProgressStream(process.StandardOutput.BaseStream, watchdog), onRawFrame, watchdog, failed.Token),
            CancellationToken.None);
        _ = writer.ContinueWith(_ => StopOnFailure(process, failed), CancellationToken.None,
            TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        _ = reader.ContinueWith(_ => StopOnFailure(process, failed), CancellationToken.None,
            TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);

        try
        {
            await Task.WhenAll(writer, reader).ConfigureAwait(false);
        }
        catch
        {
            // Judged below, once ffmpeg has ended and its stderr is in.
        }
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await stderr.Completion.ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        if (watchdog.Fired)
        {
            throw new MediaProcessException(
                $"{Path.GetFileName(program)} timed out after {MediaTimeouts.Describe(watchdog.Bound)} without progress on an aac encode ({settings.SampleRate} Hz, {settings.Channels} channel{(settings.Channels == 1 ? "" : "s")})");
        }

        var writerError = writer.Exception?.InnerException;
        var readerError = reader.Exception?.InnerException;
        // A callback's own failure is the real cause; a broken pipe only means ffmpeg went away, and ffmpeg says why.
        foreach (var error in new[] { writerError, readerError })
        {
            if (error is CallbackFailure failure)
            {
                ExceptionDispatchInfo.Throw(failure.InnerException!);
            }
        }
        if (process.ExitCode != 0)
        {
            throw new MediaProcessException(ChildProcess.Describe("ffmpeg aac encode", process.ExitCode, stderr.LastLine), process.ExitCode);
        }
        if (readerError is not null || writerError is not null)
        {
            throw readerError ?? writerError!;
        }
        var (format, frames) = reader.Result;
        if (format is null)
        {
            throw new MediaProcessException("ffmpeg aac encode produced no frames");
        }
        return new AacEncodeResult(format.Value.ToAudioSpecificConfig(), frames, FfmpegPrimingSamples, $"ffmpeg {version} aac", writer.Result, settings.EffectiveBitRate);
    }

    private static List<string> Arguments(AacEncoderSettings settings) =>
    [
        "-hide_banner", "-loglevel", "error",
        "-f", "f32le",
        "-ar", settings.SampleRate.ToString(CultureInfo.InvariantCulture),
        "-ch_layout", AacChannelLayouts.ForChannels(settings.Channels),
        "-i", "pipe:0",
        "-c:a", "aac", "-aac_pns", "0",
        "-b:a", settings.EffectiveBitRate.ToString(CultureInfo.InvariantCulture),
        "-f", "adts", "pipe:1",
    ];

    private static void StopOnFailure(Process process, CancellationTokenSource failed)
    {
        try
        {
            failed.Cancel();
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or System.ComponentModel.Win32Exception)
        {
            // Already ended.
        }
    }

    private static async Task<long> WritePcmAsync(
        Stream stdin, int channels, Func<Memory<float>, CancellationToken, ValueTask<int>> readPcm, InactivityWatchdog watchdog, CancellationToken ct)
    {
        int capacity = FramesPerWrite * channels;
        var samples = ArrayPool<float>.Shared.Rent(capacity);
        var bytes = ArrayPool<byte>.Shared.Rent(capacity * sizeof(float));
        long total = 0;
        try
        {
            while (true)
            {
                int frames;
                try
                {
                    using var turn = watchdog.EnterCallerTurn();
                    frames = await readPcm(samples.AsMemory(0, capacity), ct).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    throw new CallbackFailure(e);
                }
                if (frames == 0)
                {
                    break;
                }
                if (frames < 0 || frames > FramesPerWrite)
                {
                    throw new InvalidOperationException($"The PCM source returned {frames} frames for a buffer of {FramesPerWrite}.");
                }
                int count = frames * channels * sizeof(float);
                Buffer.BlockCopy(samples, 0, bytes, 0, count);
                await stdin.WriteAsync(bytes.AsMemory(0, count), ct).ConfigureAwait(false);
                watchdog.Progress();
                total += frames;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(samples);
            ArrayPool<byte>.Shared.Return(bytes);
            try
            {
                // End of input tells ffmpeg to flush its last frames.
                stdin.Close();
            }
            catch (IOException)
            {
                // ffmpeg already gone; its exit code tells why.
            }
        }
        return total;
    }
}
