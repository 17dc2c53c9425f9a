using Hark.Media.Encode;
using Hark.Media.Probe;

namespace Hark.Engine.Import;

/// <summary>
/// Whether an import copies the source's packets or encodes: the codec choice of the request against what the
/// source holds. Copied are AAC-LC streams the archive can describe (ADTS rates, 1-6 channels); every other
/// profile (HE-AAC's SBR, Main, LTP) needs more than one frame of decoder history for exact reads, so it is encoded.
/// </summary>
internal static class SourceCopy
{
    /// <summary>The codec the source's packets are stored as, or null when the import encodes.</summary>
    public static AudioCodec? CopyAs(ImportCodec choice, SourceInfo source)
    {
        if (choice.Target is not null)
        {
            return null;
        }
        var copyable = Copyable(source, out string reason);
        if (choice.IsCopy && copyable is null)
        {
            throw new ImportRefusedException($"--codec copy: {Path.GetFileName(source.Path)} {reason}; use --codec {AudioCodec.Aac.Name()} or {AudioCodec.Lac.Name()}");
        }
        return copyable;
    }

    private static AudioCodec? Copyable(SourceInfo source, out string reason)
    {
        if (source.CodecName == "aac")
        {
            if (source.Profile != "LC")
            {
                reason = $"holds AAC of profile {source.Profile ?? "unknown"}; only AAC-LC is stored as it is";
                return null;
            }
            if (!AacEncoderSettings.IsSupported(source.SampleRate, source.Channels))
            {
                reason = $"holds AAC at {source.SampleRate} Hz with {source.Channels} channels, which the archive cannot describe";
                return null;
            }
            reason = "";
            return AudioCodec.Aac;
        }
        reason = $"holds {source.CodecName}, not AAC-LC";
        return null;
    }
}
