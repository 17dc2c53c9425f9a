using Hark.Codec.Index;
using Hark.Storage.Layout;
using Hark.Storage.Zarr;

namespace Hark.Storage;

/// <summary>
/// A complete recording opened for reading: its metadata, its frame index in memory, and checksum-verified reads
/// of frame bytes through the archive's chunk cache.
/// </summary>
public sealed class RecordingReader
{
    /// <summary>In the audio array's attributes (hark): the stored size of every inner chunk, laid back to back in each shard.</summary>
    internal const string InnerStrideAttribute = "inner_chunk_stored_bytes";

    private readonly ArchiveStore _archive;
    private readonly ZarrArray _audio;
    private readonly int _chunkBytes;
    private readonly ShardingCodec? _sharding;
    private readonly int _innerBytes;
    private readonly int _innerStride;

    private RecordingReader(ArchiveStore archive, RecordingMetadata metadata, string generation, ZarrArray audio, RecordingIndex index)
    {
        _archive = archive;
        Metadata = metadata;
        Generation = generation;
        _audio = audio;
        _chunkBytes = audio.Metadata.ChunkBytes;
        // Shards whose inner chunks lie at a known stride are read by inner chunk: a cold read fetches one small range.
        if (audio.Metadata.Sharding is { } sharding && audio.Metadata.Attributes["hark"]?[InnerStrideAttribute]?.GetValue<int>() is { } stride)
        {
            _sharding = sharding;
            _innerBytes = audio.Metadata.InnerChunks(sharding).ChunkBytes;
            _innerStride = stride;
        }
        Index = index;
    }

    public RecordingMetadata Metadata { get; }

    public string Generation { get; }

    /// <summary>The frame index, loaded by pages as reads need them (<see cref="RecordingIndex.EnsureAsync"/>).</summary>
    public RecordingIndex Index { get; }

    /// <summary>Bytes the index occupies in the store (compressed chunks).</summary>
    public long IndexBytes => Index.StoredBytes;

    /// <summary>Bytes of encoded audio (frames back to back, without chunk padding or checksums).</summary>
    public long AudioBytes => _audio.Metadata.Length;

    public long AudioChunkCount => _audio.Metadata.ChunkCount;

    internal static async Task<RecordingReader> OpenAsync(ArchiveStore archive, RecordingGroupDocument document, CancellationToken ct)
    {
        var metadata = document.Metadata;
        var id = metadata.Id;
        var generation = document.Generation ?? throw new CorruptRecordingException(id, "complete without a generation");
        var audio = await OpenArrayAsync(archive, id, ArchiveLayout.AudioFolder(id, generation), ct);
        if (audio.Metadata.DataType != ZarrDataType.UInt8)
        {
            throw new CorruptRecordingException(id, $"audio data_type is {audio.Metadata.DataType.Name}, expected uint8");
        }
        var sizes = await OpenArrayAsync(archive, id, ArchiveLayout.FrameSizesFolder(id, generation), ct);
        if (sizes.Metadata.Length != metadata.FrameCount)
        {
            throw new CorruptRecordingException(id, $"index has {sizes.Metadata.Length} frames, metadata says {metadata.FrameCount}");
        }
        RecordingIndex index;
        if (sizes.Metadata.Attributes["hark"]?[ArchiveLayout.PageOffsetsAttribute] is not null)
        {
            index = await OpenPagedIndexAsync(archive, metadata, generation, sizes, audio.Metadata.Length, ct);
        }
        else
        {
            var (whole, indexBytes) = await LoadIndexAsync(archive, metadata, generation, ct);
            if (whole.TotalAudioBytes != audio.Metadata.Length)
            {
                throw new CorruptRecordingException(id, $"frame sizes add up to {whole.TotalAudioBytes} bytes, the audio array holds {audio.Metadata.Length}");
            }
            index = RecordingIndex.Whole(id, whole, indexBytes);
        }
        return new RecordingReader(archive, metadata, generation, audio, index);
    }

    /// <summary>
    /// The small top level of a paged index: where each page of frame sizes starts in the audio, checked to rise from 0
    /// to within the audio; each page's own sizes are checked against it when it is loaded.
    /// </summary>
    internal static async Task<RecordingIndex> OpenPagedIndexAsync(ArchiveStore archive, RecordingMetadata metadata, string generation, ZarrArray sizes,
        long audioBytes, CancellationToken ct)
    {
        var id = metadata.Id;
        if (sizes.Metadata.DataType != ZarrDataType.UInt16 && sizes.Metadata.DataType != ZarrDataType.UInt32)
        {
            throw new CorruptRecordingException(id, $"frame_sizes data_type is {sizes.Metadata.DataType.Name}, expected uint16 or uint32");
        }
        var offsets = await OpenArrayAsync(archive, id, ArchiveLayout.PageOffsetsFolder(id, generation), ct);
        if (offsets.Metadata.DataType != ZarrDataType.UInt64 || offsets.Metadata.Length != sizes.Metadata.ChunkCount)
        {
            throw new CorruptRecordingException(id, $"page_offsets holds {offsets.Metadata.Length} {offsets.Metadata.DataType.Name}, expected {sizes.Metadata.ChunkCount} uint64");
        }
        byte[] bytes;
        try
        {
            bytes = await offsets.ReadAllAsync(ct);
        }
        catch (ZarrChecksumException e)
        {
            throw new CorruptChunkException(id, ArchiveLayout.PageOffsetsArray, 0, e.Reason);
        }
        catch (ZarrFormatException e)
        {
            throw new CorruptRecordingException(id, e.Message);
        }
        var starts = new long[offsets.Metadata.Length];
        for (int p = 0; p < starts.Length; p++)
        {
            starts[p] = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8 * p));
            if (p == 0 ? starts[p] != 0 : starts[p] < starts[p - 1] || starts[p] > audioBytes)
            {
                throw new CorruptRecordingException(id, $"index page {p} starts at byte {starts[p]}: page offsets must rise from 0 to at most {audioBytes}");
            }
        }
        long stored = sizes.Metadata.Attributes["hark"]?["stored_bytes"]?.GetValue<long>() ?? 0;
        return RecordingIndex.Paged(id, archive.Blobs, sizes, metadata.SamplesPerFrame, starts, audioBytes, stored);
    }

    /// <summary>
    /// Copies the bytes of frames [<paramref name="firstFrame"/>, firstFrame + <paramref name="frameCount"/>) back to
    /// back into <paramref name="destination"/> (at least <see cref="FrameBytes"/> long). Every chunk is verified
    /// once; a damaged one is a <see cref="CorruptChunkException"/>.
    /// </summary>
    public async ValueTask ReadFramesAsync(int firstFrame, int frameCount, Memory<byte> destination, CancellationToken ct)
    {
        if (firstFrame < 0 || frameCount < 0 || (long)firstFrame + frameCount > Index.FrameCount)
        {
            throw new ArgumentOutOfRangeException(nameof(frameCount),
                $"recording {Metadata.Id}: frames [{firstFrame}, {(long)firstFrame + frameCount}) are outside 0..{Index.FrameCount}");
        }
        await Index.EnsureAsync(firstFrame, frameCount, ct);
        long start = Index.FrameOffset(firstFrame);
        long length = Index.FrameOffset(firstFrame + frameCount) - start;
        if (destination.Length < length)
        {
            throw new ArgumentException($"recording {Metadata.Id}: {length} bytes do not fit a buffer of {destination.Length}", nameof(destination));
        }
        await ReadBytesAsync(start, destination[..(int)length], ct);
    }

    /// <summary>Bytes that frames [firstFrame, firstFrame + frameCount) occupy (their index pages loaded: <see cref="RecordingIndex.EnsureAsync"/>).</summary>
    public int FrameBytes(int firstFrame, int frameCount) => checked((int)(Index.FrameOffset(firstFrame + frameCount) - Index.FrameOffset(firstFrame)));

    /// <summary>Copies audio bytes [offset, offset + destination.Length), verified, into destination.</summary>
    public async ValueTask ReadBytesAsync(long offset, Memory<byte> destination, CancellationToken ct)
    {
        if (offset < 0 || offset + destination.Length > AudioBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"recording {Metadata.Id}: bytes [{offset}, {offset + destination.Length}) are outside 0..{AudioBytes}");
        }
        int unit = _sharding is null ? _chunkBytes : _innerBytes;
        long lastUnit = (offset + destination.Length - 1) / unit;
        var span = new InnerSpan(); // the inner chunks this read still lacks, fetched together
        while (destination.Length > 0)
        {
            long chunk = offset / unit;
            int inChunk = (int)(offset - chunk * unit);
            var data = _sharding is null ? await ChunkAsync(chunk, ct) : await InnerChunkAsync(chunk, lastUnit, span, ct);
            int take = Math.Min(destination.Length, unit - inChunk);
            data.Span.Slice(inChunk, take).CopyTo(destination.Span);
            destination = destination[take..];
            offset += take;
        }
    }

    private ValueTask<ReadOnlyMemory<byte>> ChunkAsync(long chunk, CancellationToken ct) =>
        _archive.Cache.GetOrLoadAsync(_audio.ChunkKey(chunk), token => LoadChunkAsync(chunk, token), ct);

    /// <summary>
    /// Inner chunk <paramref name="inner"/> of the audio (counted across shards), verified. A miss fetches, in one range
    /// request, it and the following inner chunks of the same shard up to <paramref name="lastInner"/> (what the read
    /// needs), so a read across inner chunks costs one round trip per shard; the others come from that fetch.
    /// </summary>
    private ValueTask<ReadOnlyMemory<byte>> InnerChunkAsync(long inner, long lastInner, InnerSpan span, CancellationToken ct)
    {
        int perShard = _chunkBytes / _innerBytes;
        long shard = inner / perShard;
        int j = (int)(inner % perShard);
        int lastJ = (int)Math.Min(perShard - 1, lastInner - shard * perShard);
        return _archive.Cache.GetOrLoadAsync($"{_audio.ChunkKey(shard)}#{j}", token => LoadInnerChunkAsync(shard, j, lastJ, span, token), ct);
    }

    /// <summary>Stored bytes of a run of inner chunks of one shard, fetched by one read for the inner chunks it needs.</summary>
    private sealed class InnerSpan
    {
        public long Shard = -1;
        public int First;
        public int Count;
        public Task<(byte[] Bytes, int Read)>? Fetch;

        public bool Holds(long shard, int j) => Fetch is not null && Shard == shard && j >= First && j < First + Count;
    }

    private async Task<ReadOnlyMemory<byte>> LoadInnerChunkAsync(long shard, int j, int lastJ, InnerSpan span, CancellationToken ct)
    {
        if (!span.Holds(shard, j))
        {
            span.Shard = shard;
            span.First = j;
            span.Count = lastJ - j + 1;
            span.Fetch = FetchInnerAsync(shard, j, span.Count, ct);
        }
        var (bytes, read) = await span.Fetch!;
        int at = (j - span.First) * _innerStride;
        if (read < at + _innerStride)
        {
            throw new CorruptChunkException(Metadata.Id, ArchiveLayout.AudioArray, shard, $"the shard ends inside inner chunk {j}");
        }
        var stored = bytes.AsSpan(at, _innerStride).ToArray();
        try
        {
            return ZarrChunkCodec.DecodeInner(_audio.Metadata, _sharding!, stored, $"{_audio.ChunkKey(shard)} inner chunk {j}");
        }
        catch (ZarrChecksumException e)
        {
            throw new CorruptChunkException(Metadata.Id, ArchiveLayout.AudioArray, shard, $"{e.Reason} (inner chunk {j})");
        }
    }

    private async Task<(byte[] Bytes, int Read)> FetchInnerAsync(long shard, int first, int count, CancellationToken ct)
    {
        var bytes = new byte[count * _innerStride];
        try
        {
            return (bytes, await _archive.Blobs.ReadRangeAsync(_audio.ChunkKey(shard), (long)first * _innerStride, bytes, ct));
        }
        catch (BlobNotFoundException)
        {
            throw await MissingChunkAsync(shard, ct);
        }
    }

    /// <summary>
    /// A missing chunk of the generation the group still names is damage; of any other generation, it means the
    /// recording was deleted or replaced after this reader opened it, and the reader is merely stale.
    /// </summary>
    private async Task<Exception> MissingChunkAsync(long chunk, CancellationToken ct)
    {
        var group = await _archive.ReadGroupAsync(Metadata.Id, ct);
        return group is { Metadata.State: RecordingPhase.Complete } && group.Generation == Generation
            ? new CorruptChunkException(Metadata.Id, ArchiveLayout.AudioArray, chunk, "missing")
            : new RecordingChangedException(Metadata.Id, Generation);
    }

    private async Task<ReadOnlyMemory<byte>> LoadChunkAsync(long chunk, CancellationToken ct)
    {
        try
        {
            return await _audio.ReadChunkAsync(chunk, ct) ?? throw await MissingChunkAsync(chunk, ct);
        }
        catch (ZarrChecksumException e)
        {
            throw new CorruptChunkException(Metadata.Id, ArchiveLayout.AudioArray, chunk, e.Reason);
        }
    }

    internal static async Task<ZarrArray> OpenArrayAsync(ArchiveStore archive, string id, string folder, CancellationToken ct)
    {
        try
        {
            return await ZarrArray.OpenAsync(archive.Blobs, folder, ct);
        }
        catch (BlobNotFoundException)
        {
            throw new CorruptRecordingException(id, $"{folder}zarr.json is missing");
        }
        catch (ZarrFormatException e)
        {
            throw new CorruptRecordingException(id, e.Message);
        }
    }

    /// <summary>Reads the frame-size array chunk by chunk (each verified) into an O(1) index; returns it and its stored bytes.</summary>
    internal static async Task<(FrameIndex Index, long StoredBytes)> LoadIndexAsync(
        ArchiveStore archive, RecordingMetadata metadata, string generation, CancellationToken ct)
    {
        var id = metadata.Id;
        var sizes = await OpenArrayAsync(archive, id, ArchiveLayout.FrameSizesFolder(id, generation), ct);
        int width = sizes.Metadata.DataType.Size;
        if (sizes.Metadata.DataType != ZarrDataType.UInt16 && sizes.Metadata.DataType != ZarrDataType.UInt32)
        {
            throw new CorruptRecordingException(id, $"frame_sizes data_type is {sizes.Metadata.DataType.Name}, expected uint16 or uint32");
        }
        if (sizes.Metadata.Length > int.MaxValue)
        {
            throw new CorruptRecordingException(id, $"frame_sizes holds {sizes.Metadata.Length} frames, more than supported");
        }
        var builder = new FrameIndexBuilder(metadata.SamplesPerFrame, (int)sizes.Metadata.Length);
        long storedBytes = 0;
        long remaining = sizes.Metadata.Length;
        for (long chunk = 0; chunk < sizes.Metadata.ChunkCount; chunk++)
        {
            byte[] stored;
            try
            {
                stored = await archive.Blobs.GetAsync(sizes.ChunkKey(chunk), ct);
            }
            catch (BlobNotFoundException)
            {
                throw new CorruptChunkException(id, ArchiveLayout.FrameSizesArray, chunk, "missing");
            }
            storedBytes += stored.Length;
            ArraySegment<byte> decoded;
            try
            {
                decoded = ZarrChunkCodec.Decode(sizes.Metadata, stored, sizes.ChunkKey(chunk));
            }
            catch (ZarrChecksumException e)
            {
                throw new CorruptChunkException(id, ArchiveLayout.FrameSizesArray, chunk, e.Reason);
            }
            int frames = (int)Math.Min(sizes.Metadata.ChunkLength, remaining);
            builder.AddSerialized(decoded.AsSpan(0, frames * width), width);
            remaining -= frames;
        }
        try
        {
            return (builder.Build(), storedBytes);
        }
        catch (InvalidDataException e)
        {
            throw new CorruptRecordingException(id, e.Message);
        }
    }
}
