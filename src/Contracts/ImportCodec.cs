using System.Diagnostics.CodeAnalysis;

namespace Hark.Contracts;

/// <summary>
/// What an import does with the source's audio: <see cref="Auto"/> copies it packet for packet when it is already in
/// a codec the archive stores (AAC-LC, Opus) and encodes AAC otherwise; <see cref="Copy"/> insists on copying (a
/// source that cannot be copied is refused); <see cref="Encode"/> always encodes to the codec named.
/// Names: "copy" and the codec names of <see cref="AudioCodecs"/>; <see cref="Auto"/> is the absence of a choice.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ImportCodecJsonConverter))]
public readonly record struct ImportCodec
{
    private const byte AutoCode = 0;
    private const byte CopyCode = 255;

    private readonly byte _code;

    private ImportCodec(byte code) => _code = code;

    public static ImportCodec Auto => default;

    public static ImportCodec Copy => new(CopyCode);

    public static ImportCodec Encode(AudioCodec codec) =>
        AudioCodecs.IsDefined(codec) ? new((byte)codec) : throw new ArgumentOutOfRangeException(nameof(codec), codec, "not a codec");

    public static implicit operator ImportCodec(AudioCodec codec) => Encode(codec);

    public bool IsAuto => _code == AutoCode;

    public bool IsCopy => _code == CopyCode;

    /// <summary>The codec to encode to; null for <see cref="Auto"/> and <see cref="Copy"/>.</summary>
    public AudioCodec? Target => IsAuto || IsCopy ? null : (AudioCodec)_code;

    /// <summary>The wire form: 0 auto, 255 copy, else the codec's number.</summary>
    public byte Code => _code;

    public static bool TryFromCode(byte code, out ImportCodec choice)
    {
        choice = new ImportCodec(code);
        return code is AutoCode or CopyCode || AudioCodecs.IsDefined((AudioCodec)code);
    }

    /// <summary>"copy, aac, lac, ...": for help texts and error messages.</summary>
    public static string NameList => $"copy, {AudioCodecs.NameList}";

    public static bool TryParse(string? name, [NotNullWhen(true)] out ImportCodec? choice)
    {
        if (string.Equals(name, "copy", StringComparison.OrdinalIgnoreCase))
        {
            choice = Copy;
            return true;
        }
        choice = AudioCodecs.TryParse(name, out var codec) ? Encode(codec.Value) : null;
        return choice is not null;
    }

    /// <summary>The choice named, or <see cref="ArgumentException"/> saying which names there are.</summary>
    public static ImportCodec Parse(string? name) =>
        TryParse(name, out var choice) ? choice.Value : throw new ArgumentException($"unknown codec '{name}' (use {NameList})");

    /// <summary>"copy", a codec name, or null for <see cref="Auto"/>.</summary>
    public string? Name => IsAuto ? null : IsCopy ? "copy" : Target!.Value.Name();

    public override string ToString() => Name ?? "auto";
}
