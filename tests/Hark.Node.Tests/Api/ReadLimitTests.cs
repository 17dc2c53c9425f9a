using System.Net;
using System.Net.Http.Json;
using Hark.Node.Tests.Fixtures;

namespace Hark.Node.Tests.Api;

/// <summary>The declared read limit: one read at once and one waiting, so a third, segment or export, is refused
/// with a 503 problem that says when to come back, and the waiting one is served once the first ends.</summary>
[Collection(NodeCollection.Name)]
public sealed class ReadLimitTests(NodeWithRecording node)
{
    [Fact]
    public async Task Reads_beyond_the_limit_and_its_queue_are_503_with_retry_after()
    {
        await using var limited = await RunningNode.StartAsync(configure: options => options with { MaxConcurrentReads = 1, ImportRoots = [node.SourceFolder] });
        // A minute of stereo as f32 is 23 MB, far more than the sockets buffer: unread, it keeps its read running.
        var source = await node.MakeSourceAsync("limit-reads.wav", seconds: 60, channels: 2);
        Assert.Equal(HttpStatusCode.Accepted, (await limited.Client.PostAsJsonAsync("/recordings", new { path = source, id = "busy", codec = "lac" })).StatusCode);
        await ImportPolling.WaitForCompleteAsync(limited.Client, "busy");

        var held = await limited.Client.GetAsync($"/recordings/busy/segment?start=0&count={60 * NodeWithRecording.SampleRate}&format=f32",
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        var export = limited.Client.GetAsync("/recordings/busy/export.wav?from=0&to=48000");
        var segment = limited.Client.GetAsync("/recordings/busy/segment?start=0&count=48000");

        // One of the two waits in the queue; the other finds it full and is refused at once.
        var first = await Task.WhenAny(export, segment);
        using var refused = await first;
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("at most 1 audio reads", await Problems.AssertAsync(refused, HttpStatusCode.ServiceUnavailable));

        held.Dispose();
        using var waited = await (first == export ? segment : export);
        Assert.Equal(HttpStatusCode.OK, waited.StatusCode);
    }
}
