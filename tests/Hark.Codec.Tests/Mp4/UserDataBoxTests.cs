using Hark.Codec.Mp4;

namespace Hark.Codec.Tests.Mp4;

public sealed class UserDataBoxTests
{
    [Fact]
    public void Udta_holds_itunes_items_under_an_mdir_handler()
    {
        const string hdlr = "00000021 68646C72 00000000 00000000 6D646972 6170706C 00000000 00000000 00";
        const string tool = "0000001C A9746F6F 00000014 64617461 00000001 00000000 4861726B";
        const string freeform = "00000045 2D2D2D2D " +
            "00000014 6D65616E 00000000 6F72672E6861726B " +
            "00000018 6E616D65 00000000 7265636F7264696E675F6964 " +
            "00000011 64617461 00000001 00000000 78";
        Assert.Equal(BoxBytes.Golden($"0000009E 75647461 00000096 6D657461 00000000 {hdlr} 00000069 696C7374 {tool} {freeform}"),
            BoxBytes.Of(new UserDataBox([ItunesTag.Atom("©too", "Hark"), ItunesTag.Freeform("org.hark", "recording_id", "x")]).WriteTo));
    }

    [Fact]
    public void A_code_that_is_not_four_latin1_characters_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Mp4BoxWriter().FourCc("toolong"));
}
