using Hark.Storage;

namespace Hark.Engine.Export;

/// <summary>
/// The exports that copy stored packets: ADTS carries AAC only, M4A AAC or Opus. Anything else is an
/// <see cref="ExportNotPossibleException"/> before the first byte.
/// </summary>
public static class PacketExport
{
    public static void Require(RecordingMetadata metadata, ExportFormat format)
    {
        bool carried = format == ExportFormat.Adts
            ? metadata.Codec == AudioCodec.Aac
            : metadata.Codec is AudioCodec.Aac or AudioCodec.Opus;
        if (carried)
        {
            return;
        }
        string kind = metadata.Codec == AudioCodec.Lac ? "LAC (lossless)" : metadata.Codec == AudioCodec.Opus ? "Opus" : metadata.Codec.Name();
        string carries = format == ExportFormat.Adts ? "ADTS carries AAC only" : $"{format.Name().ToUpperInvariant()} carries AAC or Opus";
        string instead = metadata.Codec == AudioCodec.Opus ? $"{ExportFormat.M4a.Name()} or {ExportFormat.Wav.Name()}" : ExportFormat.Wav.Name();
        throw new ExportNotPossibleException($"recording {metadata.Id} is {kind}; {carries}: export it as {instead}");
    }
}
