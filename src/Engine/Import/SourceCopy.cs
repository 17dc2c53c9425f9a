using Hark.Media.Encode;
using Hark.Media.Probe;

namespace Hark.Engine.Import;

/// <summary>
/// Whether an import copies the source's packets or encodes: the codec choice of the request against what the
/// source holds. Copied are AAC-LC streams the archive can describe (ADTS rates, 1-6 channels), whose other
/// profiles (HE-AAC's SBR, Main, LTP) need more than one frame of decoder history for exact reads, and mono or
/// stereo Opus (its packets must be 20 ms, the archive's Opus packet; the copy refuses any other length).
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
        return copyable ?? NotCopyable(choice, source, reason);
    }

    /// <summary>A source that cannot be copied: refused when copying was asked for, else null (encode instead).</summary>
    public static AudioCodec? NotCopyable(ImportCodec choice, SourceInfo source, string reason) => choice.IsCopy
        ? throw new ImportRefusedException(
            $"--codec copy: {Path.GetFileName(source.Path)} {reason}; use --codec {AudioCodec.Aac.Name()}, {AudioCodec.Opus.Name()} or {AudioCodec.Lac.Name()}")
        : null;

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
        if (source.CodecName == "opus")
        {
            if (source.Channels > 2)
            {
                // More channels use a stream mapping the source chooses; reads assume libopus's own surround layout.
                reason = $"holds {source.Channels}-channel Opus; only mono and stereo Opus are stored as they are";
                return null;
            }
            reason = "";
            return AudioCodec.Opus;
        }
        reason = $"holds {source.CodecName}, not AAC-LC or Opus";
        return null;
    }
}
