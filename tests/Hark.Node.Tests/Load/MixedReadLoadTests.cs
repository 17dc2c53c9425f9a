using Hark.Storage;
using Hark.Testing;
using Hark.Testing.Load;
using Xunit.Abstractions;

namespace Hark.Node.Tests.Load;

/// <summary>
/// The bounded version of the load bench (bench/Load): three nodes with a low read limit, concurrent clients asking
/// for 1-s, 10-s and 5-minute segments of two recordings (one AAC, one LAC) through random nodes, a fixed number of
/// requests each. Every answer is exact or a 503 with Retry-After; nothing else. Latencies are printed, never judged.
/// </summary>
public sealed class MixedReadLoadTests(ITestOutputHelper output)
{
    private const int Clients = 16;
    private const int RequestsPerClient = 20;
    /// <summary>Low enough that sixteen clients over three nodes must be refused some of the time.</summary>
    private const int MaxConcurrentReads = 2;
    private const int SampleRate = 16000;

    [Fact]
    public async Task Mixed_reads_are_exact_or_refused_with_retry_after()
    {
        using var folder = new TempDirectory("hark-mixed-load");
        var sources = await Task.WhenAll(
            AudioGenerator.GenerateAsync(Field(0), folder.File("dawn.wav"), "-c:a", "pcm_s16le"),
            AudioGenerator.GenerateAsync(Field(1), folder.File("dusk.wav"), "-c:a", "pcm_s16le"));
        await using var cluster = await ReadCluster.StartAsync(folder.File("archive"), folder.Path, MaxConcurrentReads);
        await cluster.ImportAsync(sources[0], "dawn", "aac");
        await cluster.ImportAsync(sources[1], "dusk", "lac");
        var archive = ArchiveStore.Open(cluster.ArchivePath);
        var recordings = new[] { await LoadRecording.DecodeAsync(archive, "dawn"), await LoadRecording.DecodeAsync(archive, "dusk") };

        var tally = await new MixedReadClients(cluster.Clients, recordings).RunAsync(Clients, sent => sent < RequestsPerClient, seed: 11);

        output.WriteLine($"{Clients} clients x {RequestsPerClient} requests, HARK_MAX_CONCURRENT_READS={MaxConcurrentReads} on each of 3 nodes, {Environment.ProcessorCount} cores");
        output.WriteLine(tally.Table());
        Assert.Equal(Clients * RequestsPerClient, tally.Requests);
        Assert.True(tally.OtherErrors.Count == 0, string.Join("\n", tally.OtherErrors));
        Assert.Equal(0, tally.Other);
        Assert.Equal(0, tally.Wrong);
        Assert.True(tally.Exact > 0, "no read was answered");
        Assert.True(tally.Limited > 0, "the limit was never reached, so its 503 went untested");
    }

    /// <summary>Six minutes of stereo, a different sweep per recording, so a 5-minute read fits anywhere in its first minute.</summary>
    private static string Field(int variant) =>
        $"aevalsrc=0.3*sin(2*PI*({250 + 100 * variant}+4*t)*t)+0.03*(random(0)-0.5)|0.3*sin(2*PI*({900 - 100 * variant}-2*t)*t)+0.03*(random(1)-0.5):s={SampleRate}:d=360";
}
