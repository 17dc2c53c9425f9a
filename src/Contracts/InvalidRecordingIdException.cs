namespace Hark.Contracts;

/// <summary>A recording id that does not match <see cref="RecordingId.Pattern"/>.</summary>
public sealed class InvalidRecordingIdException(string? id)
    : ArgumentException($"invalid recording id \"{PrintableText.Of(id)}\": use 1-128 characters A-Z a-z 0-9 . _ - starting with a letter or digit")
{
    public string? Id { get; } = id;
}
