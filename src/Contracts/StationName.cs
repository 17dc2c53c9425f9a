namespace Hark.Contracts;

/// <summary>
/// Station names ("north-ridge", "Site 4 / mic 2"): 1-128 characters, no control characters, no space at either
/// end. They are stored in a recording's metadata and compared exactly (case-sensitive) by station queries.
/// </summary>
public static class StationName
{
    public const int MaxLength = 128;

    public const string Rule = "must be 1-128 characters without control characters or surrounding spaces";

    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && name.Trim() == name && !name.Any(char.IsControl);

    /// <summary>Returns <paramref name="name"/> or throws <see cref="ArgumentException"/> naming the rule.</summary>
    public static string Validate(string? name) =>
        IsValid(name) ? name! : throw new ArgumentException($"station '{PrintableText.Of(name)}' {Rule}");
}
