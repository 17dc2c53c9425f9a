using Hark.Codec.Mp4;

namespace Hark.Codec.Tests.Mp4;

public sealed class EditListBoxTests
{
    [Fact]
    public void Edts_holds_one_edit_at_rate_1() =>
        Assert.Equal(BoxBytes.Golden("00000024 65647473 0000001C 656C7374 00000000 00000001 0001193B 00000805 0001 0000"),
            BoxBytes.Of(new EditListBox(71995, 2053).WriteTo));

    [Theory]
    [InlineData(71995UL, 2053L)]
    [InlineData(0x1_0000_0000UL, 1024L)]
    public void The_edit_parses_back_in_either_version(ulong duration, long mediaTime)
    {
        var writer = new Mp4BoxWriter();
        new EditListBox(duration, mediaTime).WriteTo(writer);
        var elst = writer.Written[8..]; // past the edts header
        Assert.Equal(duration > uint.MaxValue ? 1 : 0, elst[8]);
        Assert.True(EditListBox.TryParse(elst, out var parsed));
        Assert.Equal(new EditListBox(duration, mediaTime), parsed);
    }

    [Fact]
    public void Other_bytes_are_not_an_edit() =>
        Assert.False(EditListBox.TryParse(Convert.FromHexString("0000001C6D766864000000000000000100000000"), out _));
}
