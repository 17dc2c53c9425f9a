using Hark.Codec.Lac;

namespace Hark.Engine.Import;

/// <summary>The lossless block codec settings staging and LAC recordings use.</summary>
internal static class StagingCodec
{
    public const int BlockSamples = 4096;

    /// <summary>Staging is written once and read once or twice: a quick, shallow search is enough.</summary>
    public static LacEncoderOptions Fast { get; } = LacEncoderOptions.Fast with
    {
        MaxPredictionOrder = 4,
        MaxPartitionOrder = 3,
        StereoDecorrelation = false,
        BlockSize = BlockSamples,
    };

    /// <summary>What a LAC recording is stored with.</summary>
    public static LacEncoderOptions Archive { get; } = LacEncoderOptions.Default with { BlockSize = BlockSamples };
}
