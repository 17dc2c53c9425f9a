namespace Hark.Codec.Mp4;

/// <summary>dinf/dref with one self-contained 'url ' entry: the samples are in this file.</summary>
public static class DataInformationBox
{
    private const int SelfContained = 1;

    public static void WriteTo(Mp4BoxWriter writer)
    {
        writer.Begin("dinf");
        writer.BeginFull("dref", 0, 0);
        writer.UInt32(1);
        writer.BeginFull("url ", 0, SelfContained);
        writer.End();
        writer.End();
        writer.End();
    }
}
