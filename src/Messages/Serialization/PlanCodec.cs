namespace Hark.Messages;

/// <summary>The import plan's fields in declaration order.</summary>
internal static class PlanCodec
{
    public static void Write(WireWriter w, ImportPlanData p)
    {
        w.String(p.Id); w.String(p.SourcePath); w.String(p.SourceName); w.Long(p.SourceSize); w.Time(p.SourceModified);
        w.String(p.Codec); w.Int(p.SampleRate); w.Int(p.Channels); w.Int(p.BitDepth); w.Int(p.BitRate); w.Time(p.StartTime);
        w.Long(p.ChunkSamples); w.Long(p.TotalSamples); w.Int(p.ChunkCount); w.Int(p.LeadInFrames); w.Bool(p.Replace); w.Bool(p.Staged);
        w.String(p.SourceSha256, optional: true); w.String(p.StartTimeSource, optional: true); w.Bool(p.SourceIsFloat); w.Time(p.Created);
        w.Long(p.SourcePcmOffset);
    }

    public static ImportPlanData Read(WireReader r) => new()
    {
        Id = r.String(),
        SourcePath = r.String(),
        SourceName = r.String(),
        SourceSize = r.Long(),
        SourceModified = r.Time(),
        Codec = r.String(),
        SampleRate = r.Int(),
        Channels = r.Int(),
        BitDepth = r.Int(),
        BitRate = r.OptionalInt(),
        StartTime = r.OptionalTime(),
        ChunkSamples = r.Long(),
        TotalSamples = r.OptionalLong(),
        ChunkCount = r.Int(),
        LeadInFrames = r.Int(),
        Replace = r.Bool(),
        Staged = r.Bool(),
        SourceSha256 = r.OptionalString(),
        StartTimeSource = r.OptionalString(),
        SourceIsFloat = r.Bool(),
        Created = r.Time(),
        SourcePcmOffset = r.OptionalLong(),
    };
}
