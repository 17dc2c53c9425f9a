using System.Diagnostics;
using Hark.Codec.Adts;
using Hark.Codec.Lac;
using Hark.Media.Decode;
using Hark.Media.Encode;
using Hark.Media.Opus;
using Hark.Media.Passthrough;
using Hark.Media.Probe;
using Hark.Storage;
using Hark.Engine.Import.Sources;
using Hark.Storage.Staging;

namespace Hark.Engine.Import;

/// <summary>The import steps on one archive: plan, stage the source, encode chunks, commit.</summary>
public sealed class ImportSteps(ArchiveStore archive, TimeProvider? clock = null) : IImportSteps
{
    /// <summary>Upper bound of one staged chunk's raw PCM, so a worker's memory stays small at any rate.</summary>
    private const long MaxChunkRawBytes = 32L << 20;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly SourceFiles _sources = new(archive.Blobs);

    public ArchiveStore Archive => archive;

    public async Task<ImportPlan> PlanAsync(ImportRequest request, CancellationToken ct)
    {
        RecordingId.Validate(request.Id);
        if (request.Stream < 0)
        {
            throw new ImportRefusedException("--stream counts audio streams from 0");
        }
        if (request.Station is not null && !StationName.IsValid(request.Station))
        {
            throw new ImportRefusedException($"--station {StationName.Rule}");
        }
        if (request.ChunkSeconds <= 0)
        {
            throw new ImportRefusedException("--chunk-seconds must be positive");
        }
        if (request.LeadInFrames is < 0 or > 256)
        {
            throw new ImportRefusedException("the lead-in must be 0 to 256 frames");
        }
        bool fromInput = StandardInput.Is(request.SourcePath);
        var input = fromInput ? StandardInput.Take() : null;
        var opened = input is null
            ? await _sources.OpenAsync(request.SourcePath, ct)
            // A size of 0 and the time of planning: never the same source as an earlier import, so never resumed.
            : new SourceFiles.Opened(StandardInput.Address, StandardInput.Address, "stdin", 0, _clock.GetUtcNow(), false);
        var path = opened.Path;
        var existing = await archive.FindRecordingAsync(request.Id, ct);
        if (existing is { State: RecordingPhase.Complete } && !request.Replace)
        {
            throw new ImportRefusedException($"recording '{request.Id}' already exists (use --replace to overwrite it)");
        }

        var source = input?.Info ?? await MediaProbe.ProbeAsync(path, request.Stream, ct);
        var copyAs = SourceCopy.CopyAs(request.Codec, source);
        var copy = copyAs is null ? null : await CopyTiming.ProbeAsync(source, ct);
        if (copyAs == AudioCodec.Opus && copy?.FirstPacketSamples is { } first && first != OpusFormat.SamplesPerPacket)
        {
            // The archive keeps Opus in 20-ms packets (its index counts packets of one length).
            copyAs = SourceCopy.NotCopyable(request.Codec, source, $"holds Opus in {first / 48.0:0.#}-ms packets; only 20-ms packets are stored as they are");
            copy = null;
        }
        var codec = copyAs ?? request.Codec.Target ?? AudioCodec.Aac;
        int bitDepth = ChooseBitDepth(codec, source, request.QuantizeFloat);
        if (codec == AudioCodec.Aac && !AacEncoderSettings.IsSupported(source.SampleRate, source.Channels))
        {
            throw new ImportRefusedException(
                $"AAC cannot carry {source.SampleRate} Hz with {source.Channels} channels (8-96 kHz, 1-6 channels); use --codec lac");
        }
        if (codec == AudioCodec.Opus && !OpusFormat.IsSupported(source.Channels))
        {
            throw new ImportRefusedException(
                $"Opus in Hark carries 1 to {OpusFormat.MaxChannels} channels, not {source.Channels}; use --codec aac or lac");
        }
        if (codec == AudioCodec.Opus && request.BitRate is { } opusRate && !OpusFormat.IsSupportedBitRate(opusRate, source.Channels))
        {
            throw new ImportRefusedException(
                $"an Opus bit rate for {source.Channels} channel{(source.Channels == 1 ? "" : "s")} must be {OpusFormat.MinBitRate / 1000}k to {OpusFormat.MaxBitRateFor(source.Channels) / 1000}k, not {opusRate}");
        }
        if (source.Channels > LacBlockCodec.MaxChannels)
        {
            throw new ImportRefusedException($"{source.Channels} channels are more than Hark stores");
        }

        // A pattern the user gave for the file names outranks what Hark guesses from a name, not what the file says.
        var named = request.NamePattern is { } pattern ? ParsePattern(pattern).Read(opened.Name) : (null, null);
        var (start, startSource) = request.StartTime is { } given ? (given, "user")
            : source.StartTime is { } own && source.StartTimeSource != "file_name" ? (own, source.StartTimeSource)
            : named.Start is { } fromName ? (fromName, "name_pattern")
            : (source.StartTime, source.StartTimeSource);
        // Opus is stored at 48 kHz: another rate is resampled while staging, so its length is known only once staged.
        var rates = StoredRate.For(codec, source.SampleRate);
        if (fromInput && rates.Resampled)
        {
            throw new ImportRefusedException($"Opus from standard input must be 48 kHz, not {source.SampleRate} Hz: resample on the way (ffmpeg ... -ar 48000 -f wav -)");
        }
        // A plain WAV is read in place, by every encoder, whether a file or a blob (by range); anything else is staged.
        var inPlace = copy is null && !rates.Resampled && !fromInput ? PlainPcmSource.FindSamples(path, source, bitDepth) : null;
        // Neither a header's claim nor ffprobe's may make more chunks (each a message to the entity) than the file holds.
        long justified = rates.Scale(SourceLengthBound.MaxSamples(source));
        long? totalSamples = rates.Resampled
            ? null
            : inPlace?.Samples ?? ((copy?.TotalSamples ?? source.TotalSamples) is { } probed ? Math.Min(probed, justified) : null);
        long plannedSamples = Math.Min(
            totalSamples ?? rates.Scale(source.TotalSamples ?? (long)Math.Min(source.DurationSeconds * source.SampleRate, long.MaxValue)), justified);
        long chunkSamples = ChunkSamplesFor(request.ChunkSeconds, rates.Stored, source.Channels, codec);
        var fresh = new ImportPlan
        {
            Id = request.Id,
            Token = "",
            SourcePath = opened.Address,
            SourceName = opened.Name,
            SourceSize = opened.Size,
            SourceModified = opened.Modified,
            Codec = codec,
            Passthrough = copy is not null,
            AudioStream = request.Stream,
            Station = request.Station ?? named.Station ?? (StationName.IsValid(source.StationTag) ? source.StationTag : null),
            PrimingSamples = copy?.PrimingSamples ?? 0,
            EndPaddingSamples = copy?.EndPaddingSamples ?? 0,
            SourceEncoder = copy is null ? null : source.EncoderTag,
            SampleRate = rates.Stored,
            SourceSampleRate = rates.Resampled ? source.SampleRate : null,
            Channels = source.Channels,
            BitDepth = bitDepth,
            BitRate = copy is not null ? SourceBitRate(source) : codec switch
            {
                AudioCodec.Aac => request.BitRate ?? AacEncoderSettings.DefaultBitRate(source.Channels),
                AudioCodec.Opus => request.BitRate ?? OpusFormat.DefaultBitRate(source.Channels),
                _ => null,
            },
            StartTime = start?.ToUniversalTime(),
            StartTimeSource = startSource,
            ChunkSamples = chunkSamples,
            TotalSamples = totalSamples,
            ChunkCount = ChunkLayout.ChunkCountFor(plannedSamples, chunkSamples),
            // A resampled length differs from the scaled declared one by a sample or so: no shortfall is told from it.
            DeclaredSamples = rates.Resampled || fromInput ? null
                : PlainPcmSource.DeclaredSamples(path) ?? copy?.TotalSamples ?? source.TotalSamples ?? EditedLength(source),
            PlayedSamples = copy is null && EditedLength(source) is { } played ? rates.Scale(played) : null,
            StagingLimitSamples = copy is not null ? null : SourceLengthBound.StagingLimit(
                source.TotalSamples is { } exact ? rates.Scale(exact) : null, source.DurationSeconds, rates.Stored, justified),
            Replace = request.Replace,
            LeadInFrames = request.LeadInFrames,
            SourceIsFloat = source.IsFloat,
            SourcePcmOffset = inPlace?.Offset,
            Created = _clock.GetUtcNow(),
        };

        ImportPlan? resumed = null;
        var claim = await archive.ClaimImportAsync(MetadataOf(fresh, totalSamples ?? 0), request.Replace, async (staging, token) =>
        {
            resumed = await ReadPlanAsync(staging, token);
            return resumed is not null && IsSameImport(resumed, fresh);
        }, ct);
        if (claim.Resumed && resumed is not null)
        {
            await claim.Staging.ClearFailureAsync(ct);
            var carried = resumed with { Replace = request.Replace, StartTime = fresh.StartTime, StartTimeSource = fresh.StartTimeSource };
            await SavePlanAsync(claim.Staging, carried, ct);
            return carried;
        }
        var plan = fresh with { Token = claim.Token };
        await SavePlanAsync(claim.Staging, plan, ct);
        return plan;
    }

    public async Task<ImportPlan> StageSourceAsync(ImportPlan plan, Func<int, ValueTask> onChunkStaged, StagingWindow? window, IProgress<ImportProgress>? progress,
        CancellationToken ct)
    {
        var staging = archive.Staging(plan.Id, plan.Token);
        if (plan.SourcePcmOffset is not null)
        {
            return await ReadyInPlaceAsync(staging, plan, onChunkStaged, progress, ct);
        }
        if (plan.Passthrough)
        {
            return await CopyPacketsAsync(staging, plan, onChunkStaged, progress, ct);
        }
        // An encoded chunk counts as staged: its PCM may be gone (the window deletes what no encoder reads again).
        var alreadyStaged = (await staging.ListPcmChunksAsync(ct)).Union(await staging.ListEncodedChunksAsync(ct)).ToHashSet();
        if (StandardInput.Is(plan.SourcePath))
        {
            return await StageStandardInputAsync(staging, plan, alreadyStaged, onChunkStaged, window, progress, ct);
        }
        var sourceFile = await _sources.PathForAsync(plan, ct);
        var hashing = SourceHash.Sha256Async(sourceFile, ct);
        long total;
        await using (var stager = new SourceStager(plan, async token => new DecodedInput(await PcmDecoder.OpenAsync(sourceFile, plan.AudioStream,
            plan.SourceIsFloat ? PcmSampleFormat.F32 : PcmSampleFormat.S32, token, plan.SourceSampleRate is null ? null : plan.SampleRate)),
            staging, alreadyStaged, onChunkStaged, window, progress))
        {
            total = await stager.RunAsync(ct);
        }
        var final = Staged(plan, total) with { SourceSha256 = await hashing };
        await SavePlanAsync(staging, final, ct);
        _sources.Release(plan);
        return final;
    }

    /// <summary>The plan once its source is wholly staged: its exact length, chunk count and any shortfall.</summary>
    private static ImportPlan Staged(ImportPlan plan, long total) => plan with
    {
        Staged = true,
        TotalSamples = total,
        ShortfallSamples = plan.DeclaredSamples is { } declared && declared > total ? declared - total : null,
        ChunkCount = ChunkLayout.ChunkCountFor(total, plan.ChunkSamples),
    };

    /// <summary>
    /// Standard input is staged as it arrives; its hash and size are of the bytes that came, known at the end. It
    /// cannot be read again, so an import of it that stops is not resumed: it fails, and is run again.
    /// </summary>
    private async Task<ImportPlan> StageStandardInputAsync(StagingArea staging, ImportPlan plan, IReadOnlySet<int> alreadyStaged,
        Func<int, ValueTask> onChunkStaged, StagingWindow? window, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        if (alreadyStaged.Count > 0)
        {
            throw new ImportRefusedException("standard input cannot be read again: this import of it was interrupted; run it again");
        }
        using var input = StandardInput.Taken();
        long total;
        await using (var stager = new SourceStager(plan, _ => Task.FromResult<IStagingInput>(new StandardInputPcm(input)), staging,
            alreadyStaged, onChunkStaged, window, progress))
        {
            total = await stager.RunAsync(ct);
        }
        await Task.Run(input.ReadToEnd, ct);
        var final = Staged(plan, total) with { SourceSha256 = input.Hashed.Sha256(), SourceSize = input.Hashed.BytesRead };
        await SavePlanAsync(staging, final, ct);
        return final;
    }

    public async Task<ChunkResult> EncodeChunkAsync(string id, string token, int chunkIndex, CancellationToken ct)
    {
        var staging = archive.Staging(id, token);
        var plan = await LoadPlanAsync(staging, ct);
        var done = await staging.GetEncodedAsync(chunkIndex, ct);
        if (done is not null)
        {
            var frames = StagedFrames.Parse(done, StagingArea.EncodedName(chunkIndex));
            return new ChunkResult(chunkIndex, frames.FrameCount, frames.PayloadBytes, frames.Samples, 0, plan.SampleRate);
        }
        if (plan.Passthrough)
        {
            throw new InvalidOperationException($"import of '{id}': copied chunk {chunkIndex} is missing from staging");
        }
        var watch = Stopwatch.StartNew();
        StagedFrames.Builder encoded;
        try
        {
            encoded = plan.Codec switch
            {
                AudioCodec.Aac => await ChunkEncoders.EncodeAacAsync(staging, plan, chunkIndex, ct),
                AudioCodec.Opus => await OpusChunkEncoder.EncodeAsync(staging, plan, chunkIndex, ct),
                _ => await ChunkEncoders.EncodeLacAsync(staging, plan, chunkIndex, ct),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (!await archive.IsCurrentAsync(id, token, CancellationToken.None))
            {
                // Its staging was removed under it because it lost the id: say that, not what followed.
                throw await archive.SupersededAsync(id, CancellationToken.None);
            }
            throw;
        }
        await staging.PutEncodedAsync(chunkIndex, encoded.ToArray(), ct);
        return new ChunkResult(chunkIndex, encoded.FrameCount, encoded.PayloadBytes, encoded.Samples, watch.Elapsed.TotalSeconds, plan.SampleRate);
    }

    public async Task<RecordingMetadata> CommitAsync(string id, string token, CancellationToken ct)
    {
        var staging = archive.Staging(id, token);
        ImportPlan plan;
        try
        {
            plan = await LoadPlanAsync(staging, ct);
        }
        catch (ImportSupersededException)
        {
            // This import may have committed already, from another node, and cleared its staging.
            if (await CommittedByAsync(id, token, ct) is { } committed)
            {
                return committed;
            }
            throw;
        }
        if (!plan.Staged || plan.TotalSamples is not { } totalSamples)
        {
            throw new InvalidOperationException($"import of '{plan.Id}' cannot commit before its source is staged");
        }
        var metadata = MetadataOf(plan, totalSamples);
        await using var writer = await archive.OpenWriterAsync(metadata, token, ct);
        var overview = new OverviewJoin(totalSamples);
        try
        {
            for (int chunk = 0; chunk < plan.ChunkCount; chunk++)
            {
                var bytes = await staging.GetEncodedAsync(chunk, ct)
                    ?? throw new InvalidOperationException($"import of '{plan.Id}': chunk {chunk} is not encoded");
                var frames = StagedFrames.Parse(bytes, StagingArea.EncodedName(chunk));
                for (int i = 0; i < frames.FrameCount; i++)
                {
                    await writer.AppendFrameAsync(frames.FrameMemory(i), ct);
                }
                overview.Add(frames.Overview);
            }
            writer.Overview = overview.Result();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Staging vanishing mid-join: the same import committed from another node (then that is the result),
            // or it lost the id.
            await writer.FailAsync(e.Message, CancellationToken.None);
            return await CommittedByAsync(id, token, CancellationToken.None)
                ?? (await archive.IsCurrentAsync(id, token, CancellationToken.None)
                    ? throw new InvalidOperationException(e.Message, e)
                    : throw await archive.SupersededAsync(id, CancellationToken.None));
        }
        var result = await writer.CommitAsync(metadata with
        {
            FrameCount = writer.FramesWritten,
            State = RecordingPhase.Complete,
            Completed = _clock.GetUtcNow(),
        }, ct);
        await staging.DeleteAsync(ct);
        return result;
    }

    public async Task<string> FailAsync(string id, string token, string reason, CancellationToken ct)
    {
        if (!await archive.IsCurrentAsync(id, token, ct))
        {
            // Revoked: a delete or another import owns the id now. Its staging is this import's to clear.
            await archive.Staging(id, token).DeleteAsync(ct);
            return (await archive.SupersededAsync(id, ct)).Message;
        }
        await archive.RecordFailureAsync(id, token, reason, ct);
        return reason;
    }

    public async Task<ImportState> LoadAsync(string id, CancellationToken ct)
    {
        var state = await archive.ReadStateAsync(id, ct);
        if (state?.ImportToken is not { } token)
        {
            return new ImportState(state?.Metadata, null, null);
        }
        var staging = archive.Staging(id, token);
        var plan = await ReadPlanAsync(staging, ct);
        var failure = plan is null ? null : await staging.GetFailureAsync(ct);
        return new ImportState(state.Metadata, plan, failure);
    }

    /// <summary>A source read in place needs no staging pass: its length is known and every chunk is ready now.</summary>
    private async Task<ImportPlan> ReadyInPlaceAsync(StagingArea staging, ImportPlan plan, Func<int, ValueTask> onChunkStaged,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        SourcePcmReader.EnsureUnchanged(plan);
        // A remote source's local copy served the plan; the encoders read the blob itself.
        _sources.Release(plan);
        var hashing = _sources.Sha256Async(plan.SourcePath, ct);
        for (int chunk = 0; chunk < plan.ChunkCount; chunk++)
        {
            await onChunkStaged(chunk);
        }
        long total = plan.TotalSamples!.Value;
        progress?.Report(new ImportProgress(total, total, 0, plan.ChunkCount, TimeSpan.Zero, plan.SampleRate));
        var final = plan with { Staged = true, SourceSha256 = await hashing };
        await SavePlanAsync(staging, final, ct);
        return final;
    }

    private async Task<ImportPlan> CopyPacketsAsync(StagingArea staging, ImportPlan plan, Func<int, ValueTask> onChunkStaged,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var sourceFile = await _sources.PathForAsync(plan, ct);
        var hashing = SourceHash.Sha256Async(sourceFile, ct);
        var copier = new PacketStager(plan, sourceFile, staging, await staging.ListEncodedChunksAsync(ct), onChunkStaged, progress);
        var copied = await copier.RunAsync(ct);
        long frames = copied.Frames;
        // Opus carries its pre-skip in its own header (what a player trims), not in the container's timestamps.
        int priming = copied.OpusHead is { } head ? head.PreSkip : plan.PrimingSamples;
        long held = frames * copied.FrameSamples - priming - plan.EndPaddingSamples;
        if (held <= 0)
        {
            throw new ImportRefusedException($"{plan.SourceName}: the audio stream holds no samples after its {priming} priming samples");
        }
        // The container's stated length is exact when the frames hold it (the edit list or iTunSMPB trims the last
        // frame's padding); a container that states more than its frames hold was cut short.
        long total = plan.DeclaredSamples is { } stated && stated <= held ? stated : held;
        var final = plan with
        {
            Staged = true,
            TotalSamples = total,
            ShortfallSamples = plan.DeclaredSamples is { } declared && declared > total ? declared - total : null,
            ChunkCount = ChunkLayout.ChunkCountFor(frames * copied.FrameSamples, plan.ChunkSamples),
            PrimingSamples = priming,
            AudioSpecificConfig = copied.AudioSpecificConfig is { } config ? Convert.ToHexStringLower(config) : null,
            SourceSampleRate = copied.OpusHead is { InputSampleRate: > 0 and <= 1_536_000 and not 48000 } opus ? (int)opus.InputSampleRate : plan.SourceSampleRate,
            SourceSha256 = await hashing,
        };
        await SavePlanAsync(staging, final, ct);
        _sources.Release(plan);
        return final;
    }

    /// <summary>A lossy stream's length in an MP4/MOV container: its edit list's duration.</summary>
    private static FileNamePattern ParsePattern(string pattern)
    {
        try
        {
            return FileNamePattern.Parse(pattern);
        }
        catch (ArgumentException e)
        {
            throw new ImportRefusedException(e.Message);
        }
    }

    private static long? EditedLength(SourceInfo source) =>
        source.TotalSamples is null && source.FormatName.Contains("mp4", StringComparison.Ordinal) ? source.ContainerSamples : null;

    private static int? SourceBitRate(SourceInfo source) => source.BitRate is > 0 and <= int.MaxValue ? (int)source.BitRate : null;

    /// <summary>The recording as this import describes it; complete only once committed.</summary>
    private static RecordingMetadata MetadataOf(ImportPlan plan, long totalSamples)
    {
        bool aac = plan.Codec == AudioCodec.Aac;
        bool opus = plan.Codec == AudioCodec.Opus;
        return new RecordingMetadata
        {
            Id = plan.Id,
            Codec = plan.Codec,
            SampleRate = plan.SampleRate,
            SourceSampleRate = plan.SourceSampleRate,
            Channels = plan.Channels,
            BitDepth = plan.Codec.IsLossy() ? null : plan.BitDepth,
            Bitrate = plan.BitRate,
            AudioSpecificConfig = aac ? plan.AudioSpecificConfig ?? Convert.ToHexStringLower(AudioSpecificConfigFor(plan)) : null,
            PrimingSamples = plan.Passthrough ? plan.PrimingSamples : aac ? AacEncoder.FfmpegPrimingSamples : opus ? OpusFormat.PreSkip : 0,
            TotalSamples = totalSamples,
            DeclaredSamples = plan.ShortfallSamples is null ? null : plan.DeclaredSamples,
            ShortfallSamples = plan.ShortfallSamples,
            SamplesPerFrame = aac ? AdtsHeader.SamplesPerRawDataBlock : opus ? OpusFormat.SamplesPerPacket : StagingCodec.BlockSamples,
            StartTime = plan.StartTime,
            Station = plan.Station,
            Passthrough = plan.Passthrough,
            SourceName = plan.SourceName,
            SourceSize = plan.SourceSize,
            SourceSha256 = plan.SourceSha256,
            Encoder = plan.Passthrough ? $"copied from the source ({plan.SourceEncoder ?? "encoder not named"})" : plan.Codec switch
            {
                AudioCodec.Aac => $"ffmpeg aac {plan.BitRate / 1000}k",
                AudioCodec.Opus => $"{OpusEncoder.LibraryVersion} {plan.BitRate / 1000}k",
                _ => "hark lac 1",
            },
            State = RecordingPhase.Importing,
            Created = plan.Created,
        };
    }

    private static Task SavePlanAsync(StagingArea staging, ImportPlan plan, CancellationToken ct) =>
        staging.PutPlanAsync(PlanJson.ToBytes(plan), ct);

    private static async Task<ImportPlan?> ReadPlanAsync(StagingArea staging, CancellationToken ct) =>
        await staging.GetPlanAsync(ct) is { } bytes ? PlanJson.FromBytes(bytes, staging.Description) : null;

    /// <summary>The plan a worker or committer works from; its absence means the import lost its id.</summary>
    private async Task<ImportPlan> LoadPlanAsync(StagingArea staging, CancellationToken ct) =>
        await ReadPlanAsync(staging, ct) ?? throw await archive.SupersededAsync(staging.RecordingId, ct);

    /// <summary>The recording as committed by <paramref name="token"/>, when it was.</summary>
    private async Task<RecordingMetadata?> CommittedByAsync(string id, string token, CancellationToken ct) =>
        await archive.ReadStateAsync(id, ct) is { CommittedToken: { } committed, Metadata: { State: RecordingPhase.Complete } metadata } && committed == token
            ? metadata
            : null;

    internal static byte[] AudioSpecificConfigFor(ImportPlan plan)
    {
        AdtsSampleRates.TryGetIndex(plan.SampleRate, out int index);
        return new AdtsStreamFormat(2, index, plan.Channels).ToAudioSpecificConfig();
    }

    private static int ChooseBitDepth(AudioCodec codec, SourceInfo source, bool quantizeFloat)
    {
        if (source.IsFloat)
        {
            if (codec == AudioCodec.Lac && !quantizeFloat)
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
            if (codec == AudioCodec.Lac && !quantizeFloat)
            {
                throw new ImportRefusedException(
                    $"{Path.GetFileName(source.Path)} has {bits}-bit samples; LAC carries at most 24 bits: use --quantize-float to keep the top 24");
            }
            return 24;
        }
        return Math.Max(bits, 8);
    }

    private static long ChunkSamplesFor(int chunkSeconds, int sampleRate, int channels, AudioCodec codec)
    {
        long wanted = (long)chunkSeconds * sampleRate;
        long cap = MaxChunkRawBytes / (4L * channels);
        long samples = Math.Min(wanted, cap);
        // A multiple of both the AAC frame (1024) and the LAC block; for Opus of its packet (960) and the block: 61440.
        long unit = codec == AudioCodec.Opus ? OpusFormat.ChunkUnit : StagingCodec.BlockSamples;
        long minimum = (16L * StagingCodec.BlockSamples + unit - 1) / unit * unit;
        return Math.Max(minimum, samples / unit * unit);
    }

    private static bool IsSameImport(ImportPlan staged, ImportPlan fresh) =>
        staged.SourcePath == fresh.SourcePath && staged.SourceName == fresh.SourceName && staged.SourceSize == fresh.SourceSize
        && staged.SourceModified == fresh.SourceModified && staged.Codec == fresh.Codec
        && staged.BitRate == fresh.BitRate && staged.ChunkSamples == fresh.ChunkSamples
        && staged.BitDepth == fresh.BitDepth && staged.LeadInFrames == fresh.LeadInFrames
        && staged.Passthrough == fresh.Passthrough && staged.AudioStream == fresh.AudioStream;
}
