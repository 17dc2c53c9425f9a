using System.Diagnostics;
using Hark.Codec.Adts;
using Hark.Codec.Lac;
using Hark.Media.Decode;
using Hark.Media.Encode;
using Hark.Media.Probe;
using Hark.Storage;
using Hark.Storage.Layout;

namespace Hark.Engine.Import;

/// <summary>The import steps on one archive: plan, stage the source, encode chunks, commit.</summary>
public sealed class ImportSteps(ArchiveStore archive, TimeProvider? clock = null) : IImportSteps
{
    /// <summary>Upper bound of one staged chunk's raw PCM, so a worker's memory stays small at any rate.</summary>
    private const long MaxChunkRawBytes = 32L << 20;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public ArchiveStore Archive => archive;

    public async Task<ImportPlan> PlanAsync(ImportRequest request, CancellationToken ct)
    {
        RecordingId.Validate(request.Id);
        var codec = request.Codec.ToLowerInvariant();
        if (codec is not ("aac" or "lac"))
        {
            throw new ImportRefusedException($"unknown codec '{request.Codec}' (use aac or lac)");
        }
        if (request.ChunkSeconds <= 0)
        {
            throw new ImportRefusedException("--chunk-seconds must be positive");
        }
        if (request.LeadInFrames is < 0 or > 256)
        {
            throw new ImportRefusedException("the lead-in must be 0 to 256 frames");
        }
        var path = Path.GetFullPath(request.SourcePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{request.SourcePath}: no such file");
        }
        var existing = await archive.FindRecordingAsync(request.Id, ct);
        if (existing is { State: RecordingState.Complete } && !request.Replace)
        {
            throw new ImportRefusedException($"recording '{request.Id}' already exists (use --replace to overwrite it)");
        }

        var source = await MediaProbe.ProbeAsync(path, ct);
        int bitDepth = ChooseBitDepth(codec, source, request.QuantizeFloat);
        if (codec == "aac" && !AacEncoderSettings.IsSupported(source.SampleRate, source.Channels))
        {
            throw new ImportRefusedException(
                $"AAC cannot carry {source.SampleRate} Hz with {source.Channels} channels (8-96 kHz, 1-6 channels); use --codec lac");
        }
        if (source.Channels > LacBlockCodec.MaxChannels)
        {
            throw new ImportRefusedException($"{source.Channels} channels are more than Hark stores");
        }

        var file = new FileInfo(path);
        var inPlace = PlainPcmSource.FindSamples(path, source, bitDepth);
        long? totalSamples = inPlace?.Samples ?? source.TotalSamples;
        long chunkSamples = ChunkSamplesFor(request.ChunkSeconds, source.SampleRate, source.Channels);
        var plan = new ImportPlan
        {
            Id = request.Id,
            SourcePath = path,
            SourceName = file.Name,
            SourceSize = file.Length,
            SourceModified = file.LastWriteTimeUtc,
            Codec = codec,
            SampleRate = source.SampleRate,
            Channels = source.Channels,
            BitDepth = bitDepth,
            BitRate = codec == "aac" ? request.BitRate ?? AacEncoderSettings.DefaultBitRate(source.Channels) : null,
            StartTime = (request.StartTime ?? source.StartTime)?.ToUniversalTime(),
            StartTimeSource = request.StartTime is not null ? "user" : source.StartTimeSource,
            ChunkSamples = chunkSamples,
            TotalSamples = totalSamples,
            ChunkCount = ChunkLayout.ChunkCountFor(totalSamples ?? (long)(source.DurationSeconds * source.SampleRate), chunkSamples),
            Replace = request.Replace,
            LeadInFrames = request.LeadInFrames,
            SourceIsFloat = source.IsFloat,
            SourcePcmOffset = inPlace?.Offset,
            Created = _clock.GetUtcNow(),
        };

        var staged = await PlanStore.LoadAsync(archive, request.Id, ct);
        if (staged is not null && IsSameImport(staged, plan))
        {
            await archive.Blobs.DeleteAsync(ArchiveLayout.StagingRecordingFolder(request.Id) + StagingNames.Failure, ct);
            return staged with { Replace = request.Replace, StartTime = plan.StartTime, StartTimeSource = plan.StartTimeSource };
        }
        if (staged is not null)
        {
            await archive.DeleteStagingAsync(request.Id, ct);
        }
        await PlanStore.SaveAsync(archive, plan, ct);
        return plan;
    }

    public async Task<ImportPlan> StageSourceAsync(ImportPlan plan, Func<int, ValueTask> onChunkStaged, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        if (plan.SourcePcmOffset is not null)
        {
            return await ReadyInPlaceAsync(plan, onChunkStaged, progress, ct);
        }
        var alreadyStaged = new HashSet<string>();
        await foreach (var name in archive.ListStagingAsync(plan.Id, ct))
        {
            alreadyStaged.Add(name);
        }
        var hashing = SourceHash.Sha256Async(plan.SourcePath, ct);
        await using var stager = new SourceStager(plan, archive, alreadyStaged, onChunkStaged, progress);
        long total = await stager.RunAsync(ct);
        var final = plan with
        {
            Staged = true,
            TotalSamples = total,
            ChunkCount = ChunkLayout.ChunkCountFor(total, plan.ChunkSamples),
            SourceSha256 = await hashing,
        };
        await PlanStore.SaveAsync(archive, final, ct);
        return final;
    }

    public async Task<ChunkResult> EncodeChunkAsync(ImportPlan plan, int chunkIndex, CancellationToken ct)
    {
        var name = StagingNames.Encoded(chunkIndex);
        var done = await archive.GetStagingAsync(plan.Id, name, ct);
        if (done is not null)
        {
            var frames = StagedFrames.Parse(done, name);
            return new ChunkResult(chunkIndex, frames.FrameCount, frames.PayloadBytes, frames.Samples, 0);
        }
        var watch = Stopwatch.StartNew();
        var encoded = plan.Codec == "aac"
            ? await ChunkEncoders.EncodeAacAsync(archive, plan, chunkIndex, ct)
            : await ChunkEncoders.EncodeLacAsync(archive, plan, chunkIndex, ct);
        await archive.PutStagingAsync(plan.Id, name, encoded.ToArray(), ct);
        return new ChunkResult(chunkIndex, encoded.FrameCount, encoded.PayloadBytes, encoded.Samples, watch.Elapsed.TotalSeconds);
    }

    public async Task<RecordingMetadata> CommitAsync(ImportPlan plan, CancellationToken ct)
    {
        if (!plan.Staged || plan.TotalSamples is not { } totalSamples)
        {
            throw new InvalidOperationException($"import of '{plan.Id}' cannot commit before its source is staged");
        }
        var existing = await archive.FindRecordingAsync(plan.Id, ct);
        if (existing is { State: RecordingState.Complete } && !plan.Replace)
        {
            throw new ImportRefusedException($"recording '{plan.Id}' already exists (use --replace to overwrite it)");
        }

        bool aac = plan.Codec == "aac";
        var metadata = new RecordingMetadata
        {
            Id = plan.Id,
            Codec = plan.Codec,
            SampleRate = plan.SampleRate,
            Channels = plan.Channels,
            BitDepth = aac ? null : plan.BitDepth,
            Bitrate = plan.BitRate,
            AudioSpecificConfig = aac ? Convert.ToHexStringLower(AudioSpecificConfigFor(plan)) : null,
            PrimingSamples = aac ? AacEncoder.FfmpegPrimingSamples : 0,
            TotalSamples = totalSamples,
            SamplesPerFrame = aac ? AdtsHeader.SamplesPerRawDataBlock : StagingCodec.BlockSamples,
            StartTime = plan.StartTime,
            SourceName = plan.SourceName,
            SourceSize = plan.SourceSize,
            SourceSha256 = plan.SourceSha256,
            Encoder = aac ? $"ffmpeg aac {plan.BitRate / 1000}k" : "hark lac 1",
            State = RecordingState.Importing,
            Created = plan.Created,
        };

        await using var writer = await archive.CreateRecordingAsync(metadata, replace: existing is not null, ct);
        for (int chunk = 0; chunk < plan.ChunkCount; chunk++)
        {
            var name = StagingNames.Encoded(chunk);
            var bytes = await archive.GetStagingAsync(plan.Id, name, ct)
                ?? throw new InvalidOperationException($"import of '{plan.Id}': chunk {chunk} is not encoded");
            var frames = StagedFrames.Parse(bytes, name);
            for (int i = 0; i < frames.FrameCount; i++)
            {
                await writer.AppendFrameAsync(frames.FrameMemory(i), ct);
            }
        }
        var committed = await writer.CommitAsync(metadata with
        {
            FrameCount = writer.FramesWritten,
            State = RecordingState.Complete,
            Completed = _clock.GetUtcNow(),
        }, ct);
        await archive.DeleteStagingAsync(plan.Id, ct);
        return committed;
    }

    public async Task FailAsync(string id, string reason, CancellationToken ct)
    {
        await archive.PutStagingAsync(id, StagingNames.Failure, System.Text.Encoding.UTF8.GetBytes(reason), ct);
    }

    /// <summary>A source read in place needs no staging pass: its length is known and every chunk is ready now.</summary>
    private async Task<ImportPlan> ReadyInPlaceAsync(ImportPlan plan, Func<int, ValueTask> onChunkStaged, IProgress<ImportProgress>? progress,
        CancellationToken ct)
    {
        SourcePcmReader.EnsureUnchanged(plan);
        var hashing = SourceHash.Sha256Async(plan.SourcePath, ct);
        for (int chunk = 0; chunk < plan.ChunkCount; chunk++)
        {
            await onChunkStaged(chunk);
        }
        long total = plan.TotalSamples!.Value;
        progress?.Report(new ImportProgress(total, total, 0, plan.ChunkCount, TimeSpan.Zero, plan.SampleRate));
        var final = plan with { Staged = true, SourceSha256 = await hashing };
        await PlanStore.SaveAsync(archive, final, ct);
        return final;
    }

    internal static byte[] AudioSpecificConfigFor(ImportPlan plan)
    {
        AdtsSampleRates.TryGetIndex(plan.SampleRate, out int index);
        return new AdtsStreamFormat(2, index, plan.Channels).ToAudioSpecificConfig();
    }

    private static int ChooseBitDepth(string codec, SourceInfo source, bool quantizeFloat)
    {
        if (source.IsFloat)
        {
            if (codec == "lac" && !quantizeFloat)
            {
                throw new ImportRefusedException(
                    $"{Path.GetFileName(source.Path)} holds floating point samples ({source.SampleFormat}); LAC stores integer PCM: " +
                    "use --quantize-float to store it as 24-bit integers, or --codec aac");
            }
            return 24;
        }
        int bits = source.BitsPerRawSample ?? 16;
        if (bits > 24)
        {
            if (codec == "lac" && !quantizeFloat)
            {
                throw new ImportRefusedException(
                    $"{Path.GetFileName(source.Path)} has {bits}-bit samples; LAC carries at most 24 bits: use --quantize-float to keep the top 24");
            }
            return 24;
        }
        return Math.Max(bits, 8);
    }

    private static long ChunkSamplesFor(int chunkSeconds, int sampleRate, int channels)
    {
        long wanted = (long)chunkSeconds * sampleRate;
        long cap = MaxChunkRawBytes / (4L * channels);
        long samples = Math.Min(wanted, cap);
        long unit = StagingCodec.BlockSamples; // a multiple of both the AAC frame (1024) and the LAC block
        return Math.Max(unit * 16, samples / unit * unit);
    }

    private static bool IsSameImport(ImportPlan staged, ImportPlan fresh) =>
        staged.SourceName == fresh.SourceName && staged.SourceSize == fresh.SourceSize
        && staged.SourceModified == fresh.SourceModified && staged.Codec == fresh.Codec
        && staged.BitRate == fresh.BitRate && staged.ChunkSamples == fresh.ChunkSamples
        && staged.BitDepth == fresh.BitDepth && staged.LeadInFrames == fresh.LeadInFrames;
}
