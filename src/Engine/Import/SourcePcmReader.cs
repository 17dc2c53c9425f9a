using System.Buffers;
using Hark.Engine.Import.Sources;
using Hark.Storage;

namespace Hark.Engine.Import;

/// <summary>
/// Reads samples [start, end) of a plain PCM source in place (see <see cref="PlainPcmSource"/>), as the staged path
/// would give them: the same integers, the same scale to floats. Positional reads, so many readers share one file.
/// </summary>
internal sealed class SourcePcmReader : IChunkPcm, IDisposable
{
    private const int FramesPerRead = 4096;

    private readonly ImportPlan _plan;
    private readonly SourceBytes _file;
    private readonly long _end;
    private readonly int _bytesPerSample;
    private readonly byte[] _bytes;
    private readonly int[] _samples;
    private readonly float _scale;

    private SourcePcmReader(ImportPlan plan, SourceBytes file, long start, long end)
    {
        _plan = plan;
        _file = file;
        _bytesPerSample = plan.BitDepth / 8;
        _end = Math.Min(end, plan.TotalSamples ?? end);
        _bytes = ArrayPool<byte>.Shared.Rent(FramesPerRead * plan.Channels * _bytesPerSample);
        _samples = ArrayPool<int>.Shared.Rent(FramesPerRead * plan.Channels);
        _scale = 1f / (1L << (plan.BitDepth - 1));
        Position = start;
    }

    public long Position { get; private set; }

    /// <summary>Samples [start, end) of the planned source, which must be as planned.</summary>
    public static async Task<SourcePcmReader> OpenAsync(ImportPlan plan, IBlobStore archive, long start, long end, CancellationToken ct)
    {
        EnsureUnchanged(plan);
        return new SourcePcmReader(plan, await SourceBytes.OpenAsync(plan, archive, ct), start, end);
    }

    /// <summary>Refuses to read a source that changed after the import was planned: its samples would not be the plan's.</summary>
    public static void EnsureUnchanged(ImportPlan plan)
    {
        if (Sources.RemoteSource.IsRemote(plan.SourcePath))
        {
            // A remote source is checked against the blob when it is opened (SourceBytes, SourceFiles.PathForAsync).
            return;
        }
        var file = new FileInfo(plan.SourcePath);
        if (!file.Exists || file.Length != plan.SourceSize || file.LastWriteTimeUtc != plan.SourceModified.UtcDateTime)
        {
            throw new ImportRefusedException($"{plan.SourceName} changed or disappeared after the import was planned; import it again");
        }
    }

    public async ValueTask<int> ReadAsync(Memory<float> interleaved, CancellationToken ct)
    {
        int channels = _plan.Channels;
        int frames = await ReadAsync(Math.Min(interleaved.Length / channels, FramesPerRead), ct);
        var source = _samples.AsSpan(0, frames * channels);
        var destination = interleaved.Span;
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = source[i] * _scale;
        }
        return frames;
    }

    /// <summary>Up to <paramref name="interleaved"/>'s length / channels integer samples; 0 at the end of the range.</summary>
    public async ValueTask<int> ReadAsync(Memory<int> interleaved, CancellationToken ct)
    {
        int channels = _plan.Channels;
        int done = 0;
        int wanted = interleaved.Length / channels;
        while (done < wanted)
        {
            int frames = await ReadAsync(Math.Min(wanted - done, FramesPerRead), ct);
            if (frames == 0)
            {
                break;
            }
            _samples.AsSpan(0, frames * channels).CopyTo(interleaved.Span.Slice(done * channels));
            done += frames;
        }
        return done;
    }

    /// <summary>Reads up to <paramref name="wanted"/> frames into <see cref="_samples"/>.</summary>
    private async ValueTask<int> ReadAsync(int wanted, CancellationToken ct)
    {
        int frames = (int)Math.Min(wanted, _end - Position);
        if (frames <= 0)
        {
            return 0;
        }
        int frameBytes = _plan.Channels * _bytesPerSample;
        var bytes = _bytes.AsMemory(0, frames * frameBytes);
        long offset = _plan.SourcePcmOffset!.Value + Position * frameBytes;
        int filled = 0;
        while (filled < bytes.Length)
        {
            int read = await _file.ReadAtAsync(offset + filled, bytes[filled..], ct);
            if (read == 0)
            {
                throw new ImportRefusedException($"{_plan.SourceName} ends before sample {Position + filled / frameBytes}: it was truncated after the import was planned");
            }
            filled += read;
        }
        var samples = _samples.AsSpan(0, frames * _plan.Channels);
        Convert(bytes.Span, samples);
        LacSampleRange.Keep(samples, _plan);
        Position += frames;
        return frames;
    }

    private void Convert(ReadOnlySpan<byte> bytes, Span<int> samples)
    {
        if (_bytesPerSample == 2)
        {
            var shorts = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(bytes);
            for (int i = 0; i < samples.Length; i++)
            {
                samples[i] = shorts[i];
            }
            return;
        }
        for (int i = 0, b = 0; i < samples.Length; i++, b += 3)
        {
            samples[i] = bytes[b] | (bytes[b + 1] << 8) | ((sbyte)bytes[b + 2] << 16);
        }
    }

    public void Dispose()
    {
        _file.Dispose();
        ArrayPool<byte>.Shared.Return(_bytes);
        ArrayPool<int>.Shared.Return(_samples);
    }
}
