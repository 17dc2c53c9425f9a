using Hark.Engine.Import;
using Hark.Messages;

namespace Hark.Actors.Import;

/// <summary>The engine's plan to and from its wire form.</summary>
public static class PlanMapping
{
    public static ImportPlanData ToData(this ImportPlan p) => new()
    {
        Id = p.Id, SourcePath = p.SourcePath, SourceName = p.SourceName, SourceSize = p.SourceSize, SourceModified = p.SourceModified,
        Codec = p.Codec, SampleRate = p.SampleRate, Channels = p.Channels, BitDepth = p.BitDepth, BitRate = p.BitRate,
        StartTime = p.StartTime, ChunkSamples = p.ChunkSamples, TotalSamples = p.TotalSamples, ChunkCount = p.ChunkCount, LeadInFrames = p.LeadInFrames,
        Replace = p.Replace, Staged = p.Staged, SourceSha256 = p.SourceSha256, StartTimeSource = p.StartTimeSource,
        SourceIsFloat = p.SourceIsFloat, Created = p.Created, SourcePcmOffset = p.SourcePcmOffset,
    };

    public static ImportPlan ToPlan(this ImportPlanData p) => new()
    {
        Id = p.Id, SourcePath = p.SourcePath, SourceName = p.SourceName, SourceSize = p.SourceSize, SourceModified = p.SourceModified,
        Codec = p.Codec, SampleRate = p.SampleRate, Channels = p.Channels, BitDepth = p.BitDepth, BitRate = p.BitRate,
        StartTime = p.StartTime, ChunkSamples = p.ChunkSamples, TotalSamples = p.TotalSamples, ChunkCount = p.ChunkCount, LeadInFrames = p.LeadInFrames,
        Replace = p.Replace, Staged = p.Staged, SourceSha256 = p.SourceSha256, StartTimeSource = p.StartTimeSource,
        SourceIsFloat = p.SourceIsFloat, Created = p.Created, SourcePcmOffset = p.SourcePcmOffset,
    };

    public static ImportRequest ToRequest(this StartImport m) => new()
    {
        Id = m.RecordingId, SourcePath = m.SourcePath, Codec = m.Codec, BitRate = m.BitRate, StartTime = m.StartTime,
        ChunkSeconds = m.ChunkSeconds, Replace = m.Replace, QuantizeFloat = m.QuantizeFloat, LeadInFrames = m.LeadInFrames,
    };
}
