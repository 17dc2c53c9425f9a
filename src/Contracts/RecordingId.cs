using System.Text.RegularExpressions;

namespace Hark.Contracts;

/// <summary>
/// Recording ids: <c>[A-Za-z0-9][A-Za-z0-9._-]{0,127}</c>. An id becomes a key segment, so anything that could
/// name another folder ("..", "/", control characters) is refused before it reaches a store.
/// </summary>
public static partial class RecordingId
{
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$";

    public static bool IsValid(string? id) => id is not null && Valid().IsMatch(id);

    /// <summary>Returns <paramref name="id"/> or throws <see cref="InvalidRecordingIdException"/>.</summary>
    public static string Validate(string? id) => IsValid(id) ? id! : throw new InvalidRecordingIdException(id);

    /// <summary>An id derived from a file name: invalid characters become '-', trimmed to 128 characters.</summary>
    public static string FromName(string name)
    {
        var cleaned = Invalid().Replace(Path.GetFileNameWithoutExtension(name), "-").TrimStart('.', '-', '_');
        if (cleaned.Length > 128)
        {
            cleaned = cleaned[..128];
        }
        return cleaned.Length == 0 ? "recording" : cleaned;
    }

    // \z rather than $: $ would accept a trailing newline.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\z")]
    private static partial Regex Valid();

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex Invalid();
}
