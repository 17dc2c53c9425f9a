using Hark.Fuzzing;

namespace Hark.Fuzz.Tests;

/// <summary>
/// A short run of the fuzz campaign (bench/Fuzz runs 10,000 cases a parser): every parser of outside bytes, its fixed
/// seed, a few hundred cases. A failure names the target, case number and seed: replay it with
/// <c>dotnet run -c Release --project bench/Fuzz -- --target NAME --replay CASE</c>.
/// </summary>
public sealed class FuzzCampaignTests(FuzzTargetsFixture fixture) : IClassFixture<FuzzTargetsFixture>
{
    private const int Cases = 300;

    private static readonly string[] Names =
        ["adts", "lac-frame", "lac-container", "wav", "zarr-metadata", "zarr-chunk", "messages", "segment-query", "import-body"];

    public static TheoryData<string> Targets() => new(Names);

    [Theory]
    [MemberData(nameof(Targets))]
    public void OnlyDocumentedErrorsNoHangsAllocationBounded(string name)
    {
        var target = fixture.Target(name);
        var report = new FuzzRunner().Run(target, Cases);
        Assert.True(report.Passed, string.Join("\n", report.Failures));
        // The corpus itself parses, so the campaign starts from real inputs.
        Assert.True(report.Accepted >= target.Corpus.Count, $"{name}: only {report.Accepted} of {Cases} cases accepted");
    }

    [Fact]
    public void EveryParserHasATarget() =>
        Assert.Equal(Names.Order(), fixture.All.Select(t => t.Name).Order());

    [Fact]
    public void ACaseReplaysFromItsNumberAlone()
    {
        var target = fixture.Target("wav");
        Assert.Equal(target.Input(1234), target.Input(1234));
        Assert.NotEqual(target.Input(1234), target.Input(1235));
    }
}
