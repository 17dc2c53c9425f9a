namespace Hark.Codec.Mp4;

/// <summary>creation, modification, timescale and duration as mvhd and mdhd lay them out: 32 bits in version 0, 64 in 1.</summary>
internal static class TimesWriter
{
    public static void Write(Mp4BoxWriter writer, byte version, ulong creationTime, uint timescale, ulong duration)
    {
        WriteTime(writer, version, creationTime);
        WriteTime(writer, version, creationTime); // modification: written once, never modified
        writer.UInt32(timescale);
        WriteTime(writer, version, duration);
    }

    public static void WriteTime(Mp4BoxWriter writer, byte version, ulong value)
    {
        if (version == 1)
        {
            writer.UInt64(value);
        }
        else
        {
            writer.UInt32(checked((uint)value));
        }
    }
}
