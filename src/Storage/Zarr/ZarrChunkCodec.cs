using System.Buffers.Binary;
using Hark.Storage.Hashing;
using ZstdSharp;

namespace Hark.Storage.Zarr;

/// <summary>Runs an array's codec list over one chunk: raw element bytes (little-endian) to stored bytes and back.</summary>
public static class ZarrChunkCodec
{
    // zstd.h: ZSTD_CONTENTSIZE_UNKNOWN (0ULL - 1) and ZSTD_CONTENTSIZE_ERROR (0ULL - 2).
    private const ulong ZstdContentSizeUnknown = ulong.MaxValue;
    private const ulong ZstdContentSizeError = ulong.MaxValue - 1;

    /// <summary>Encodes a full chunk of little-endian element bytes (exactly metadata.ChunkBytes long).</summary>
    public static byte[] Encode(ZarrArrayMetadata metadata, ReadOnlySpan<byte> elements)
    {
        if (elements.Length != metadata.ChunkBytes)
        {
            throw new ArgumentException($"a chunk holds {metadata.ChunkBytes} bytes, got {elements.Length}", nameof(elements));
        }
        if (metadata.Sharding is { } sharding)
        {
            return EncodeShard(metadata, sharding, elements, elements.Length);
        }
        byte[] data = elements.ToArray();
        foreach (var codec in metadata.Codecs)
        {
            data = codec switch
            {
                BytesCodec bytes => bytes.LittleEndian ? data : Swap(data, metadata.DataType.Size).ToArray(),
                ZstdCodec zstd => Compress(data, zstd),
                Crc32CCodec => AppendCrc(data),
                _ => throw new ZarrFormatException($"codec {codec.Name} cannot encode"),
            };
        }
        return data;
    }

    /// <summary>
    /// Encodes without copying when the codecs are only bytes (no byte swap needed) and crc32c: the checksum is
    /// written right after the elements, so <paramref name="buffer"/> needs 4 spare bytes per crc32c codec.
    /// Returns the encoded length, or null when the codecs need <see cref="Encode"/>.
    /// </summary>
    public static int? TryEncodeInPlace(ZarrArrayMetadata metadata, Span<byte> buffer, int length)
    {
        if (length != metadata.ChunkBytes)
        {
            throw new ArgumentException($"a chunk holds {metadata.ChunkBytes} bytes, got {length}", nameof(length));
        }
        foreach (var codec in metadata.Codecs)
        {
            bool simple = codec is Crc32CCodec || (codec is BytesCodec bytes && (bytes.LittleEndian || metadata.DataType.Size == 1));
            if (!simple)
            {
                return null;
            }
        }
        foreach (var codec in metadata.Codecs)
        {
            if (codec is Crc32CCodec)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(buffer.Slice(length, 4), Crc32C.Compute(buffer[..length]));
                length += 4;
            }
        }
        return length;
    }

    /// <summary>
    /// Encodes a full shard whose first <paramref name="usedBytes"/> hold data: the inner chunks that hold any are
    /// stored back to back from offset 0 (inner chunk j at j times its stored size when their codecs do not compress),
    /// the rest are left out (2^64-1 in the index: fill value), and the index follows.
    /// </summary>
    public static byte[] EncodeShard(ZarrArrayMetadata metadata, ShardingCodec sharding, ReadOnlySpan<byte> elements, int usedBytes)
    {
        var inner = metadata.InnerChunks(sharding);
        int innerBytes = inner.ChunkBytes;
        int count = metadata.ChunkLength / sharding.InnerChunkLength;
        var index = new byte[16 * count];
        using var shard = new MemoryStream(elements.Length + 4 * count + index.Length + 8);
        for (int j = 0; j < count; j++)
        {
            if ((long)j * innerBytes >= usedBytes)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(index.AsSpan(16 * j), ulong.MaxValue);
                BinaryPrimitives.WriteUInt64LittleEndian(index.AsSpan(16 * j + 8), ulong.MaxValue);
                continue;
            }
            var encoded = Encode(inner, elements.Slice(j * innerBytes, innerBytes));
            BinaryPrimitives.WriteUInt64LittleEndian(index.AsSpan(16 * j), (ulong)shard.Position);
            BinaryPrimitives.WriteUInt64LittleEndian(index.AsSpan(16 * j + 8), (ulong)encoded.Length);
            shard.Write(encoded);
        }
        shard.Write(Encode(IndexArray(sharding, count), index));
        return shard.ToArray();
    }

    /// <summary>Decodes one inner chunk of a shard, stored bytes as read by range, verifying its checksum.</summary>
    public static ArraySegment<byte> DecodeInner(ZarrArrayMetadata metadata, ShardingCodec sharding, byte[] stored, string innerKey) =>
        Decode(metadata.InnerChunks(sharding), stored, innerKey);

    /// <summary>Decodes a stored chunk to little-endian element bytes, verifying checksums.</summary>
    /// <param name="chunkKey">For messages.</param>
    /// <returns>The chunk's bytes; a view into <paramref name="stored"/> when no codec needed a copy.</returns>
    public static ArraySegment<byte> Decode(ZarrArrayMetadata metadata, byte[] stored, string chunkKey)
    {
        if (metadata.Sharding is { } sharding)
        {
            return DecodeShard(metadata, sharding, stored, chunkKey);
        }
        ArraySegment<byte> data = stored;
        for (int i = metadata.Codecs.Count - 1; i >= 0; i--)
        {
            data = metadata.Codecs[i] switch
            {
                BytesCodec bytes => bytes.LittleEndian ? data : Swap(data, metadata.DataType.Size),
                ZstdCodec => Decompress(data, metadata.ChunkBytes, chunkKey),
                Crc32CCodec => VerifyCrc(data, chunkKey),
                var codec => throw new ZarrFormatException($"codec {codec.Name} cannot decode"),
            };
        }
        if (data.Count != metadata.ChunkBytes)
        {
            throw new ZarrChecksumException(chunkKey, $"decodes to {data.Count} bytes, expected {metadata.ChunkBytes}");
        }
        return data;
    }

    /// <summary>The shard index as the array its codecs see: (offset, nbytes) uint64 pairs.</summary>
    private static ZarrArrayMetadata IndexArray(ShardingCodec sharding, int count) => new()
    {
        Length = 2L * count,
        ChunkLength = 2 * count,
        DataType = ZarrDataType.UInt64,
        Codecs = sharding.IndexCodecs,
    };

    /// <summary>A whole shard: its index (checksum verified), then every inner chunk it lists, each verified.</summary>
    private static ArraySegment<byte> DecodeShard(ZarrArrayMetadata metadata, ShardingCodec sharding, byte[] stored, string shardKey)
    {
        var inner = metadata.InnerChunks(sharding);
        int count = metadata.ChunkLength / sharding.InnerChunkLength;
        var indexMetadata = IndexArray(sharding, count);
        int indexStored = FixedStoredSize(indexMetadata)!.Value;
        if (stored.Length < indexStored)
        {
            throw new ZarrChecksumException(shardKey, $"{stored.Length} bytes is too short to hold a shard index of {indexStored}");
        }
        var index = Decode(indexMetadata, stored[^indexStored..], shardKey + " (shard index)");
        var result = new byte[metadata.ChunkBytes];
        long dataEnd = stored.Length - indexStored;
        for (int j = 0; j < count; j++)
        {
            ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(index.AsSpan(16 * j));
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(index.AsSpan(16 * j + 8));
            if (offset == ulong.MaxValue && length == ulong.MaxValue)
            {
                continue; // never written: fill value (Hark's fill is 0)
            }
            if (offset > (ulong)dataEnd || length > (ulong)dataEnd - offset)
            {
                throw new ZarrChecksumException(shardKey, $"shard index: inner chunk {j} at {offset}+{length} lies outside the shard's {dataEnd} data bytes");
            }
            ArraySegment<byte> bytes;
            try
            {
                bytes = Decode(inner, stored[(int)offset..(int)(offset + length)], $"{shardKey} inner chunk {j}");
            }
            catch (ZarrChecksumException e)
            {
                throw new ZarrChecksumException(shardKey, $"{e.Reason} (inner chunk {j})");
            }
            bytes.AsSpan().CopyTo(result.AsSpan(j * inner.ChunkBytes));
        }
        return result;
    }

    /// <summary>Size a stored chunk has when its codecs do not compress (bytes and crc32c only); null otherwise.</summary>
    public static int? FixedStoredSize(ZarrArrayMetadata metadata) =>
        metadata.Codecs.Any(c => c is ZstdCodec or ShardingCodec) ? null : metadata.ChunkBytes + 4 * metadata.Codecs.Count(c => c is Crc32CCodec);

    private static byte[] Compress(byte[] data, ZstdCodec zstd)
    {
        using var compressor = new Compressor(zstd.Level);
        if (zstd.Checksum)
        {
            compressor.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        }
        return compressor.Wrap(data).ToArray();
    }

    /// <summary>
    /// Decompresses into exactly the declared chunk size (plus one byte that tells an over-long frame from an exact
    /// one): output never grows past it, and a frame that says up front it holds more is refused before allocating.
    /// </summary>
    private static ArraySegment<byte> Decompress(ArraySegment<byte> data, int expected, string chunkKey)
    {
        ulong declared = FrameContentSize(data);
        if (declared == ZstdContentSizeError)
        {
            throw new ZarrChecksumException(chunkKey, "zstd data is corrupt (no valid frame header)");
        }
        if (declared != ZstdContentSizeUnknown && declared > (ulong)expected)
        {
            throw new ZarrChecksumException(chunkKey, $"zstd frame holds {declared} bytes, the chunk {expected}");
        }
        using var decompressor = new Decompressor();
        var output = new byte[expected + 1];
        int written;
        try
        {
            written = decompressor.Unwrap(data, output);
        }
        catch (Exception e) when (e is ZstdException or ArgumentException)
        {
            throw new ZarrChecksumException(chunkKey, $"zstd data is corrupt ({e.Message})");
        }
        if (written != expected)
        {
            throw new ZarrChecksumException(chunkKey, $"zstd data decodes to {written} bytes, expected {expected}");
        }
        return new ArraySegment<byte>(output, 0, written);
    }

    /// <summary>The first frame's content size as its header states it (or ZSTD_CONTENTSIZE_UNKNOWN / _ERROR).</summary>
    private static unsafe ulong FrameContentSize(ReadOnlySpan<byte> data)
    {
        fixed (byte* start = data)
        {
            return ZstdSharp.Unsafe.Methods.ZSTD_getFrameContentSize(start, (nuint)data.Length);
        }
    }

    private static byte[] AppendCrc(byte[] data)
    {
        var result = new byte[data.Length + 4];
        data.CopyTo(result, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(data.Length), Crc32C.Compute(data));
        return result;
    }

    private static ArraySegment<byte> VerifyCrc(ArraySegment<byte> data, string chunkKey)
    {
        if (data.Count < 4)
        {
            throw new ZarrChecksumException(chunkKey, $"{data.Count} bytes is too short to hold a CRC-32C");
        }
        var payload = data.Slice(0, data.Count - 4);
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(data.Count - 4));
        uint actual = Crc32C.Compute(payload);
        if (stored != actual)
        {
            throw new ZarrChecksumException(chunkKey, $"CRC-32C mismatch (stored {stored:x8}, computed {actual:x8})");
        }
        return payload;
    }

    private static ArraySegment<byte> Swap(ArraySegment<byte> data, int size)
    {
        if (size == 1)
        {
            return data;
        }
        var result = data.ToArray();
        for (int i = 0; i + size <= result.Length; i += size)
        {
            result.AsSpan(i, size).Reverse();
        }
        return result;
    }
}
