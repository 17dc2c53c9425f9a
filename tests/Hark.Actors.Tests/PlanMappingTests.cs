using Hark.Actors.Import;
using Hark.Engine.Import;

namespace Hark.Actors.Tests;

public sealed class PlanMappingTests
{
    [Fact]
    public void Plan_survives_the_trip_through_its_wire_form_with_every_field()
    {
        var plan = new ImportPlan
        {
            Id = "heron", SourcePath = "/in/heron.flac", SourceName = "heron.flac", SourceSize = 123_456_789,
            SourceModified = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(1)), Codec = "lac", SampleRate = 96_000,
            Channels = 4, BitDepth = 24, BitRate = 256_000, StartTime = DateTimeOffset.UnixEpoch, ChunkSamples = 1 << 20,
            TotalSamples = 99_999_999, ChunkCount = 96, LeadInFrames = 7, Replace = true, Staged = true, SourceSha256 = "ab12",
            StartTimeSource = "guano", SourceIsFloat = true, Created = DateTimeOffset.UnixEpoch.AddDays(1), SourcePcmOffset = 68,
        };

        Assert.Equal(plan, plan.ToData().ToPlan());
        // A field added to the plan must be added to the wire form too.
        Assert.Equal(
            typeof(ImportPlan).GetProperties().Select(p => p.Name).Order(),
            typeof(Hark.Messages.ImportPlanData).GetProperties().Select(p => p.Name).Where(n => n != "EqualityContract").Order());
    }
}
