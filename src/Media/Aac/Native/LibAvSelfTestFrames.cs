namespace Hark.Media.Aac.Native;

/// <summary>
/// Two frames of a 440 Hz sine (ffmpeg aac, 8 kHz mono, 24 kb/s): decoding them proves the library is loaded,
/// extradata reaches the decoder and the AVFrame offsets are right, before any real decoder is handed out.
/// </summary>
internal static class LibAvSelfTestFrames
{
    /// <summary>AAC-LC, 8000 Hz (index 11), mono.</summary>
    public static readonly byte[] AudioSpecificConfig = [0x15, 0x88];

    public static byte[] First => Convert.FromHexString(Frame0);

    public static byte[] Second => Convert.FromHexString(Frame1);

    private const string Frame0 =
        "de02004c61766335392e33372e313030000224a85ba948fb0a6f38ca6fbf32b59c6ea56e49da2222449fff20fc97e77f3df9" +
        "dfcf7e47fa5fc5ff37f17fcdfe5eeaed5eeaed5eeaed5d1da37636cdd8db37fcdfd9fed7fe37703ffdfb57e77ef5f7dfdb7f" +
        "57f3df89fd758a0ff35da0c0818f43770c8847811c88cd63088800488122801233aed9595a1d01609e474f53e0e516caeca8" +
        "62d0f1ee94504aff4d4c2b141fb6a241f72f65ed6e49d9dad755669d0ddd3d75cd3c95b77676c9d1daee55aee3b1b72b0dcb" +
        "bef5ee83d7b85e1b79dbab35aacd6ab35aacd33ebf3ebf3ebf3eaa7d7e7d7e7d7e7d7e52b94ae5ab96ae24a24a24a24a24a2" +
        "4a24a24a24a24a24a24a24a24a24a24a24a24a24a24a96596596596596596596596596596596596596596596596596596596" +
        "5965965965965965965965965965965965965965965965965965965965965965965965965965965965965965965965965965" +
        "965965965965965965965965965965965965965965940c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c872de204f96f1121cb38793e" +
        "5fc548729e244f94f1121ca78893e53c488729e244f9471221ca38993e4fc488728e2a4f9270f21cab8a13e51c588726e2a4" +
        "f9371621c978a93e4bc5c8724e2c4f9271721c8f8b93e45c588721e224f9471a21c8f8c13e47c648723e344f9171921c8b8d" +
        "13e43c648722e364f9071721c978e93e49c88871ce384f9071e21c778e93e3dc7b80";

    private const string Frame1 =
        "010e9ed9e2722eea41d7519314848dd4ede3e7fa7fbfb75c75abb9279ffc73f6fbf0d79bd4bad7fa7ffdd7f4ff46b8b9c56b" +
        "a9fbfffdd7edfbce38d4935c5a65d18a3c0cba31271cba314782108bf3f5534d32e69a69a69a64b346cb2fc85ce5b0bb621f" +
        "eb9997e70b383883a03ed08dd88e012996869729b25a8d3bc2969f1b9c879c759cd19a33e3931e2d32cf39679967965af6cd" +
        "9d97becd916f6cd9b08efa45c23689717d93d84766cd915f91bef16c8dd7434af888c8c0e42ce11b78b252b5647119a2580d" +
        "99a80d6485137f2c4e76a3776b576d96835dbef2e3afaa29f608ed423952d59e378c197af16bde35ee657a79e79e79e754f3" +
        "aa79e79e79e751be8df4514bf3a97ad28a060eb3006b9a733725cf8f3d9d5b1a12dc8ad912906c262396cf92c96d8544ddcb" +
        "53acc97114eb16a6d4df4606d4c4890312063649448757b386ff8df7ed4c0c52ad0bde87";
}
