using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Hark.Storage.Zarr;

namespace Hark.Storage;

/// <summary>
/// A recording's waveform overview as a Zarr array: 1-D int16, the columns' (min, max) pairs back to back, in one
/// zstd-compressed chunk (at most <see cref="RecordingOverview.MaxColumns"/> columns: 32 KB before compression), with
/// <c>samples_per_column</c> in its attributes. Any Zarr v3 reader gets the pairs; Hark reads it in two gets.
/// </summary>
internal static class OverviewArray
{
    private const string SamplesPerColumnAttribute = "samples_per_column";

    public static async Task WriteAsync(IBlobStore blobs, string folder, RecordingOverview overview, CancellationToken ct)
    {
        int values = 2 * overview.Columns;
        var array = new ZarrArray(blobs, folder, new ZarrArrayMetadata
        {
            Length = values,
            ChunkLength = Math.Max(1, values),
            DataType = ZarrDataType.Int16,
            Codecs = [new BytesCodec(), new ZstdCodec(9), new Crc32CCodec()],
            DimensionName = "column_min_max",
            Attributes = new JsonObject
            {
                ["hark"] = new JsonObject
                {
                    ["content"] = "per column of samples_per_column samples: the lowest, then the highest sample of any channel, 16-bit scale",
                    [SamplesPerColumnAttribute] = overview.SamplesPerColumn,
                },
            },
        });
        var bytes = new byte[Math.Max(1, values) * sizeof(short)];
        for (int c = 0; c < overview.Columns; c++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(4 * c), overview.Min[c]);
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(4 * c + 2), overview.Max[c]);
        }
        await array.WriteChunkAsync(0, bytes, ct);
        await array.WriteMetadataAsync(ct);
    }

    /// <summary>The overview stored in <paramref name="folder"/>; null when the import made none (copied packets, older archives).</summary>
    public static async Task<RecordingOverview?> ReadAsync(IBlobStore blobs, string folder, CancellationToken ct)
    {
        ZarrArray array;
        try
        {
            array = await ZarrArray.OpenAsync(blobs, folder, ct);
        }
        catch (BlobNotFoundException)
        {
            return null;
        }
        catch (ZarrFormatException e)
        {
            throw new ArchiveFormatException(e.Message);
        }
        if (array.Metadata.DataType != ZarrDataType.Int16 || array.Metadata.Length % 2 != 0
            || array.Metadata.Length > 2 * RecordingOverview.MaxColumns
            || array.Metadata.Attributes["hark"]?[SamplesPerColumnAttribute]?.GetValue<long>() is not (> 0 and var samplesPerColumn))
        {
            throw new ArchiveFormatException($"{array.MetadataKey}: not a waveform overview");
        }
        byte[] bytes;
        try
        {
            bytes = await array.ReadAllAsync(ct);
        }
        catch (ZarrFormatException e)
        {
            throw new ArchiveFormatException(e.Message);
        }
        int columns = (int)(array.Metadata.Length / 2);
        var min = new short[columns];
        var max = new short[columns];
        for (int c = 0; c < columns; c++)
        {
            min[c] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(4 * c));
            max[c] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(4 * c + 2));
        }
        return new RecordingOverview(samplesPerColumn, min, max);
    }
}
