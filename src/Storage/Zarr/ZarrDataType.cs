namespace Hark.Storage.Zarr;

/// <summary>The fixed-size integer data types of the Zarr v3 core spec (the ones Hark's arrays use or may read).</summary>
public sealed record ZarrDataType(string Name, int Size)
{
    public static readonly ZarrDataType UInt8 = new("uint8", 1);
    public static readonly ZarrDataType UInt16 = new("uint16", 2);
    public static readonly ZarrDataType UInt32 = new("uint32", 4);
    public static readonly ZarrDataType UInt64 = new("uint64", 8);
    public static readonly ZarrDataType Int8 = new("int8", 1);
    public static readonly ZarrDataType Int16 = new("int16", 2);
    public static readonly ZarrDataType Int32 = new("int32", 4);
    public static readonly ZarrDataType Int64 = new("int64", 8);

    private static readonly ZarrDataType[] All = [UInt8, UInt16, UInt32, UInt64, Int8, Int16, Int32, Int64];

    public static ZarrDataType Parse(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ZarrFormatException($"unsupported data_type \"{name}\" (integer types only)");

    public static ZarrDataType UnsignedOfSize(int size) => size switch
    {
        1 => UInt8,
        2 => UInt16,
        4 => UInt32,
        8 => UInt64,
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "no unsigned type of that size"),
    };
}
