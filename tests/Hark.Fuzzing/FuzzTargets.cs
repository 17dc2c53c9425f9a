using Hark.Fuzzing.Targets;

namespace Hark.Fuzzing;

/// <summary>Every parser of outside bytes in Hark, as fuzz targets, in the order the report lists them.</summary>
public static class FuzzTargets
{
    public static async Task<IReadOnlyList<FuzzTarget>> AllAsync() =>
    [
        await AdtsTarget.CreateAsync(),
        LacFrameTarget.Create(),
        LacContainerTarget.Create(),
        WavTarget.Create(),
        ZarrMetadataTarget.Create(),
        ZarrChunkTarget.Create(),
        MessageTarget.Create(),
        SegmentQueryTarget.Create(),
        ImportBodyTarget.Create(),
    ];
}
