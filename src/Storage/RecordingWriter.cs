using System.Buffers;
using System.Text.Json.Nodes;
using Hark.Codec.Index;
using Hark.Storage.Layout;
using Hark.Storage.Zarr;

namespace Hark.Storage;

/// <summary>
/// Writes one import into its own generation: frames are packed back to back into audio chunks, each full chunk
/// stored as soon as it fills (memory stays one chunk); <see cref="CommitAsync"/> stores the last chunk, the index
/// and finally the recording group naming this generation with state complete. A writer abandoned without commit
/// leaves nothing readable.
/// </summary>
public sealed class RecordingWriter : IAsyncDisposable
{
    private const int ChecksumBytes = 4; // room for the crc32c codec's checksum after the chunk, so it is stored without a copy

    private readonly ArchiveStore _archive;
    private readonly RecordingMetadata _importing;
    private readonly string _generation;
    private readonly string _token;
    private readonly FrameIndexBuilder _frames;
    private readonly int _chunkBytes;
    private byte[]? _chunk;
    private int _chunkFill;
    private long _chunksWritten;
    private Status _status;

    internal RecordingWriter(ArchiveStore archive, RecordingMetadata importing, string generation, string token)
    {
        _archive = archive;
        _importing = importing;
        _generation = generation;
        _token = token;
        _frames = new FrameIndexBuilder(importing.SamplesPerFrame);
        _chunkBytes = archive.Options.AudioChunkBytes;
        _chunk = ArrayPool<byte>.Shared.Rent(_chunkBytes + ChecksumBytes);
    }

    private enum Status
    {
        Open,
        Committed,
        Failed,
        Disposed,
    }

    public string Id => _importing.Id;

    /// <summary>The generation subgroup this import writes (e.g. "g20261123T154310Z-3fa2c01b").</summary>
    public string Generation => _generation;

    /// <summary>The import this writer belongs to: only while it holds the id can the writer commit.</summary>
    public string Token => _token;

    /// <summary>The metadata as stored while importing.</summary>
    public RecordingMetadata Metadata => _importing;

    public long FramesWritten => _frames.FrameCount;

    public long AudioBytesWritten => _frames.TotalBytes;

    /// <summary>The waveform overview to store beside the audio at commit (docs/archive-format.md), when the import made one.</summary>
    public RecordingOverview? Overview { get; set; }

    /// <summary>Appends one encoded frame (no container header). Full chunks are stored before this returns.</summary>
    public async ValueTask AppendFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken ct)
    {
        EnsureOpen();
        if (frame.Length > FrameIndex.MaxFrameSize)
        {
            throw new ArgumentException($"recording {Id}: a frame of {frame.Length} bytes exceeds {FrameIndex.MaxFrameSize}", nameof(frame));
        }
        _frames.Add(frame.Length);
        while (frame.Length > 0)
        {
            int take = Math.Min(frame.Length, _chunkBytes - _chunkFill);
            frame.Span[..take].CopyTo(_chunk.AsSpan(_chunkFill));
            _chunkFill += take;
            frame = frame[take..];
            if (_chunkFill == _chunkBytes)
            {
                await WriteAudioChunkAsync(AudioArray(_chunkBytes, 0), _chunkBytes, ct);
            }
        }
    }

    /// <summary>
    /// Stores the rest of the audio and the index, then flips the recording to complete. <paramref name="final"/>
    /// carries what is known only at the end (total_samples, encoder...); frame_count and state are set here.
    /// </summary>
    public async Task<RecordingMetadata> CommitAsync(RecordingMetadata final, CancellationToken ct)
    {
        EnsureOpen();
        ArgumentNullException.ThrowIfNull(final);
        if (final.Id != Id)
        {
            throw new ArgumentException($"recording {Id}: commit metadata names another id ({final.Id})", nameof(final));
        }
        if (final.FrameCount != 0 && final.FrameCount != FramesWritten)
        {
            throw new InvalidOperationException($"recording {Id}: metadata says {final.FrameCount} frames, {FramesWritten} were written");
        }
        if (final.SamplesPerFrame != _importing.SamplesPerFrame)
        {
            throw new InvalidOperationException($"recording {Id}: samples_per_frame changed from {_importing.SamplesPerFrame} to {final.SamplesPerFrame}");
        }
        long covered = FramesWritten * final.SamplesPerFrame;
        if (covered < final.TotalSamples + final.PrimingSamples)
        {
            throw new InvalidOperationException(
                $"recording {Id}: {FramesWritten} frames of {final.SamplesPerFrame} samples cannot hold {final.PrimingSamples} priming + {final.TotalSamples} samples");
        }
        var complete = final with
        {
            FrameCount = FramesWritten,
            StoredBytes = AudioBytesWritten,
            State = RecordingPhase.Complete,
            FailureReason = null,
            Created = _importing.Created,
            Completed = DateTimeOffset.UtcNow,
        };
        complete.Validate();

        try
        {
            await WriteGenerationAsync(complete, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A full disk, say: the half-written generation would hold space nobody frees until the next import of
            // the id. Nothing refers to it yet, so it goes now, and the import can be run again once there is room.
            _status = Status.Failed;
            ReturnBuffer();
            await _archive.DeleteGenerationAsync(Id, _generation, CancellationToken.None);
            throw;
        }
        ReturnBuffer();
        CommitOutcome outcome;
        try
        {
            // The commit point: one compare-and-swap of the recording group, which only the id's holder can win.
            outcome = await _archive.CommitGroupAsync(complete, _generation, _token, ct);
        }
        catch (ImportSupersededException)
        {
            _status = Status.Failed;
            await _archive.DeleteGenerationAsync(Id, _generation, CancellationToken.None);
            throw;
        }
        _status = Status.Committed;
        if (outcome.AlreadyCommitted)
        {
            // This import had committed already (from another node): that generation is the recording; this copy goes.
            await _archive.DeleteGenerationAsync(Id, _generation, ct);
            return outcome.Metadata;
        }
        if (outcome.Superseded is { } old && old != _generation)
        {
            await _archive.DeleteGenerationAsync(Id, old, ct);
        }
        await _archive.CollectGenerationsAsync(Id, ct);
        return complete;
    }

    /// <summary>The last audio chunk, the array metadata, the index and the generation group: all but the commit point.</summary>
    private async Task WriteGenerationAsync(RecordingMetadata complete, CancellationToken ct)
    {
        long audioBytes = AudioBytesWritten;
        // A recording that never filled a chunk gets one chunk of its size (in whole inner chunks when sharded)
        // instead of a padded one.
        int chunkLength = _chunksWritten == 0 ? SmallChunkLength(audioBytes) : _chunkBytes;
        var audio = AudioArray(chunkLength, audioBytes);
        if (_chunkFill > 0)
        {
            int used = _chunkFill;
            _chunk.AsSpan(_chunkFill, chunkLength - _chunkFill).Clear(); // the edge chunk is padded with fill_value 0
            _chunkFill = chunkLength;
            await WriteAudioChunkAsync(audio, used, ct);
        }
        await audio.WriteMetadataAsync(ct);
        await WriteIndexAsync(ct);
        if (Overview is { } overview)
        {
            await OverviewArray.WriteAsync(_archive.Blobs, ArchiveLayout.OverviewFolder(Id, _generation), overview, ct);
        }
        var attributes = ArchiveStore.GenerationAttributes(complete, _generation, _token);
        await _archive.Blobs.PutAsync(ArchiveLayout.GenerationGroupKey(Id, _generation), new ZarrGroupMetadata(attributes).ToJsonBytes(), ct);
    }

    /// <summary>
    /// Abandons the import. A replacement of a complete recording leaves the old one as it was; a new recording
    /// stays listed as failed with <paramref name="reason"/> (while this import still holds the id). The
    /// generation's data is removed.
    /// </summary>
    public async Task FailAsync(string reason, CancellationToken ct)
    {
        EnsureOpen();
        _status = Status.Failed;
        ReturnBuffer();
        await _archive.RecordFailureAsync(Id, _token, reason, ct);
        await _archive.DeleteGenerationAsync(Id, _generation, ct);
    }

    public ValueTask DisposeAsync()
    {
        if (_status == Status.Open)
        {
            _status = Status.Disposed; // left as importing: collected by the next commit of the id, or its delete
        }
        ReturnBuffer();
        return ValueTask.CompletedTask;
    }

    private int InnerChunkBytes(int chunkLength) => Math.Min(_archive.Options.AudioInnerChunkBytes, chunkLength);

    /// <summary>The one chunk of a recording smaller than a chunk: its size, rounded up to whole inner chunks when sharded.</summary>
    private int SmallChunkLength(long audioBytes)
    {
        int exact = (int)Math.Max(1, audioBytes);
        if (!_archive.Options.ShardedAudio || exact <= _archive.Options.AudioInnerChunkBytes)
        {
            return exact;
        }
        int inner = _archive.Options.AudioInnerChunkBytes;
        return (exact + inner - 1) / inner * inner;
    }

    private ZarrArray AudioArray(int chunkLength, long length)
    {
        var hark = new JsonObject { ["content"] = $"{_importing.Codec.Name()} frames back to back, no headers; frame sizes in ../index/frame_sizes" };
        IReadOnlyList<ZarrCodec> codecs = [new BytesCodec(), new Crc32CCodec()];
        if (_archive.Options.ShardedAudio)
        {
            int inner = InnerChunkBytes(chunkLength);
            codecs = [new ShardingCodec(inner, [new BytesCodec(), new Crc32CCodec()], [new BytesCodec(), new Crc32CCodec()])];
            // Inner chunks are stored back to back from each shard's start, every one this long: a reader finds inner
            // chunk j at j times it without reading the shard's index.
            hark[RecordingReader.InnerStrideAttribute] = inner + 4;
        }
        return new(_archive.Blobs, ArchiveLayout.AudioFolder(Id, _generation), new ZarrArrayMetadata
        {
            Length = length,
            ChunkLength = chunkLength,
            DataType = ZarrDataType.UInt8,
            Codecs = codecs,
            DimensionName = "byte",
            Attributes = new JsonObject { ["hark"] = hark },
        });
    }

    private async Task WriteAudioChunkAsync(ZarrArray audio, int usedBytes, CancellationToken ct)
    {
        if (audio.Metadata.Sharding is not null)
        {
            await audio.WriteShardAsync(_chunksWritten, _chunk.AsSpan(0, audio.Metadata.ChunkBytes), usedBytes, ct);
        }
        else
        {
            await audio.WriteChunkInPlaceAsync(_chunksWritten, _chunk!, ct);
        }
        _chunksWritten++;
        _chunkFill = 0;
    }

    private async Task WriteIndexAsync(CancellationToken ct)
    {
        // Straight from the builder: no second copy of the table at commit.
        int width = _frames.SizeWidth;
        int frames = _frames.FrameCount;
        int chunkFrames = Math.Max(1, Math.Min(_archive.Options.IndexChunkFrames, frames));
        var folder = ArchiveLayout.FrameSizesFolder(Id, _generation);
        var metadata = new ZarrArrayMetadata
        {
            Length = frames,
            ChunkLength = chunkFrames,
            DataType = ZarrDataType.UnsignedOfSize(width),
            Codecs = [new BytesCodec(), new ZstdCodec(_archive.Options.IndexZstdLevel), new Crc32CCodec()],
            DimensionName = "frame",
        };
        var sizes = new ZarrArray(_archive.Blobs, folder, metadata);
        var buffer = new byte[chunkFrames * width];
        int pages = (frames + chunkFrames - 1) / chunkFrames;
        var pageStarts = new byte[Math.Max(1, pages) * sizeof(ulong)];
        long stored = 0;
        long pageStart = 0;
        for (int first = 0, chunk = 0; first < frames; first += chunkFrames, chunk++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(pageStarts.AsSpan(8 * chunk), (ulong)pageStart);
            for (int f = first; f < Math.Min(frames, first + chunkFrames); f++)
            {
                pageStart += _frames.SizeOf(f);
            }
            buffer.AsSpan().Clear();
            _frames.WriteSizes(first, buffer, width);
            stored += await sizes.WriteChunkAsync(chunk, buffer, ct);
        }
        if (_archive.Options.PagedIndex)
        {
            // The index's top level: where each chunk of sizes starts, so a reader loads only the chunks it reads.
            var offsets = new ZarrArray(_archive.Blobs, ArchiveLayout.PageOffsetsFolder(Id, _generation), new ZarrArrayMetadata
            {
                Length = pages,
                ChunkLength = Math.Max(1, pages),
                DataType = ZarrDataType.UInt64,
                Codecs = [new BytesCodec(), new ZstdCodec(_archive.Options.IndexZstdLevel), new Crc32CCodec()],
                DimensionName = "page",
                Attributes = new JsonObject
                {
                    ["hark"] = new JsonObject { ["content"] = "byte offset in the audio of the first frame of each chunk of ../frame_sizes" },
                },
            });
            if (pages > 0)
            {
                stored += await offsets.WriteChunkAsync(0, pageStarts, ct);
            }
            await offsets.WriteMetadataAsync(ct);
        }
        var hark = new JsonObject
        {
            ["content"] = "byte size of each frame; frame i starts at the sum of sizes before it",
            ["samples_per_frame"] = _importing.SamplesPerFrame,
        };
        if (_archive.Options.PagedIndex)
        {
            hark[ArchiveLayout.PageOffsetsAttribute] = "../page_offsets";
            hark["stored_bytes"] = stored;
        }
        await new ZarrArray(_archive.Blobs, folder, metadata with { Attributes = new JsonObject { ["hark"] = hark } }).WriteMetadataAsync(ct);
        var group = new ZarrGroupMetadata(new JsonObject { ["hark"] = new JsonObject { ["content"] = "frame table" } });
        await _archive.Blobs.PutAsync(ArchiveLayout.IndexGroupKey(Id, _generation), group.ToJsonBytes(), ct);
    }

    private void EnsureOpen()
    {
        if (_status != Status.Open)
        {
            throw new InvalidOperationException($"recording {Id}: the writer is {_status.ToString().ToLowerInvariant()}");
        }
    }

    private void ReturnBuffer()
    {
        if (_chunk is { } chunk)
        {
            _chunk = null;
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
