using System.Diagnostics.CodeAnalysis;

namespace Hark.Contracts;

/// <summary>The one place that spells codec names: archive documents, the HTTP API and the CLI all parse and print them here.</summary>
public static class AudioCodecs
{
    public static readonly IReadOnlyList<AudioCodec> All = [AudioCodec.Aac, AudioCodec.Lac, AudioCodec.Opus];

    /// <summary>"aac, lac, opus": for help texts and error messages.</summary>
    public static string NameList => string.Join(", ", All.Select(Name));

    public static string Name(this AudioCodec codec) => codec switch
    {
        AudioCodec.Aac => "aac",
        AudioCodec.Lac => "lac",
        AudioCodec.Opus => "opus",
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "not a codec"),
    };

    public static bool TryParse(string? name, [NotNullWhen(true)] out AudioCodec? codec)
    {
        codec = All.Cast<AudioCodec?>().FirstOrDefault(c => string.Equals(c!.Value.Name(), name, StringComparison.OrdinalIgnoreCase));
        return codec is not null;
    }

    /// <summary>The codec named, or <see cref="ArgumentException"/> saying which names there are.</summary>
    public static AudioCodec Parse(string? name) =>
        TryParse(name, out var codec) ? codec.Value : throw new ArgumentException($"unknown codec '{name}' (use {NameList})");

    /// <summary>Lossy codecs store packets a decoder turns into floats; the lossless one stores integer blocks.</summary>
    public static bool IsLossy(this AudioCodec codec) => codec != AudioCodec.Lac;

    public static bool IsDefined(AudioCodec codec) => All.Contains(codec);
}
