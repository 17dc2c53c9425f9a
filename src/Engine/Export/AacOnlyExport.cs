using Hark.Storage;

namespace Hark.Engine.Export;

/// <summary>ADTS and M4A carry the stored AAC frames: any other recording is an <see cref="ExportNotPossibleException"/>.</summary>
public static class AacOnlyExport
{
    public static void Require(RecordingMetadata metadata, ExportFormat format)
    {
        if (metadata.Codec == AudioCodec.Aac)
        {
            return;
        }
        string kind = metadata.Codec == AudioCodec.Lac ? "LAC (lossless)" : metadata.Codec.Name();
        string carries = format == ExportFormat.Adts ? "ADTS carries AAC only" : $"{format.Name().ToUpperInvariant()} carries AAC";
        throw new ExportNotPossibleException($"recording {metadata.Id} is {kind}; {carries}: export it as {ExportFormat.Wav.Name()}");
    }
}
