namespace Hark.Storage.Tests.Archive;

public sealed class RecordingIdTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("9")]
    [InlineData("rec-2026.05.01_dawn")]
    [InlineData("A.b_c-d")]
    public void Valid_ids(string id) => Assert.Equal(id, RecordingId.Validate(id));

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("_x")]
    [InlineData("a b")]
    [InlineData("tr\u00e4ume")]
    [InlineData("nul\0")]
    [InlineData("line\n")]
    public void Invalid_ids(string id)
    {
        var e = Assert.Throws<InvalidRecordingIdException>(() => RecordingId.Validate(id));
        Assert.Contains("invalid recording id", e.Message);
        Assert.DoesNotContain("\n", e.Message);
        Assert.DoesNotContain("\0", e.Message);
    }

    [Fact]
    public void Length_is_limited_to_128()
    {
        Assert.True(RecordingId.IsValid(new string('a', 128)));
        Assert.False(RecordingId.IsValid(new string('a', 129)));
        Assert.False(RecordingId.IsValid(null));
    }

    [Theory]
    [InlineData("/data/My Field Recording (1).wav", "My-Field-Recording--1-")]
    [InlineData("..wav", "recording")]
    [InlineData("_bird.flac", "bird")]
    public void Ids_derived_from_file_names_are_valid(string name, string expected)
    {
        Assert.Equal(expected, RecordingId.FromName(name));
        Assert.True(RecordingId.IsValid(RecordingId.FromName(name)));
    }
}
