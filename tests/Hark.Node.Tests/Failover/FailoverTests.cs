using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Engine.Segments;
using Hark.Node.Tests.Fixtures;
using Hark.Testing;
using Xunit.Abstractions;

namespace Hark.Node.Tests.Failover;

/// <summary>
/// A node of three is SIGKILLed while a long import runs and another recording is being read through the front
/// node: the node hosting the import's entity, the other importer, or the node hosting the read recording's reader.
/// The import completes equal to a clean import, bit for bit; reads during the failover are right or a 503, never
/// wrong audio; and both import progress and reads come back (how soon is printed, not asserted).
/// </summary>
[Collection(FailoverSources.Collection)]
public sealed class FailoverTests(FailoverSources sources, ITestOutputHelper output)
{
    public enum Victim { EntityHost, OtherImporter, ReaderHost }

    private const int WindowSamples = FailoverSources.SampleRate;

    [Theory]
    [InlineData(Victim.EntityHost)]
    [InlineData(Victim.OtherImporter)]
    [InlineData(Victim.ReaderHost)]
    public async Task An_import_survives_a_killed_node_and_reads_are_never_wrong(Victim victim)
    {
        using var folder = new TempDirectory("hark-failover");
        await using var cluster = await FailoverCluster.StartAsync(folder.File("archive"), sources.Folder);
        var client = cluster.Client;

        await ImportPolling.StartAsync(client, new { path = sources.Short, id = "before", chunk_seconds = 5 });
        await ImportPolling.WaitForCompleteAsync(client, "before");
        var windows = await ExpectedWindowsAsync(cluster);
        Assert.Equal(Outcome.Right, await ReadOnceAsync(client, windows[0]));
        var readerHost = cluster.HostOf("before", "reader");

        await ImportPolling.StartAsync(client, new { path = sources.Long, id = "field", chunk_seconds = 5 });
        int doneAtKill = await ImportPolling.WaitForChunksAsync(client, "field", 2);
        var entityHost = cluster.HostOf("field", "entity");
        var killed = victim switch
        {
            Victim.EntityHost => entityHost,
            Victim.OtherImporter => cluster.Workers.Single(w => w != entityHost),
            _ => readerHost,
        };

        using var stopReading = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var reads = ReadThroughoutAsync(client, windows, clock, stopReading.Token);
        await killed.KillAsync();
        var killedAt = clock.Elapsed;

        var progressAgain = await WaitForProgressAsync(client, "field", doneAtKill, clock);
        await ImportPolling.WaitForCompleteAsync(client, "field", polls: 6000);
        var completeAt = clock.Elapsed;
        await cluster.WaitForMembersAsync(2);
        var downedAt = clock.Elapsed;
        // Reads must answer again after the member is gone: keep reading until one succeeds after this moment.
        var readsBack = await reads.AnsweredAfterAsync(downedAt);
        stopReading.Cancel();
        var tally = await reads.Finished;

        output.WriteLine($"{victim}: killed at {killedAt.TotalSeconds:0.0} s; import progress again {Since(progressAgain, killedAt)}; " +
                         $"complete {Since(completeAt, killedAt)}; member gone by {Since(downedAt, killedAt)}; reads: {tally}; " +
                         $"first right read after the member was gone {Since(readsBack, killedAt)}; {reads.Unavailability(killedAt)}");
        Assert.Equal(0, tally.Wrong);
        Assert.Equal(0, tally.Unexpected);
        Assert.True(tally.Right > 0, tally.ToString());
        Assert.Equal(sources.CleanImport, await FailoverSources.WholeAsync(cluster.OpenArchive(), "field"));
    }

    private static string Since(TimeSpan at, TimeSpan killedAt) => $"+{(at - killedAt).TotalSeconds:0.0} s";

    private static async Task<List<Window>> ExpectedWindowsAsync(FailoverCluster cluster)
    {
        var segments = new SegmentReader(new RecordingCache(cluster.OpenArchive()));
        var windows = new List<Window>();
        var random = new Random(11);
        for (int i = 0; i < 8; i++)
        {
            long start = random.NextInt64(0, 19 * FailoverSources.SampleRate);
            using var bytes = new MemoryStream();
            await segments.ReadSegmentAsync("before", start, WindowSamples, SegmentFormat.F32, bytes, CancellationToken.None);
            windows.Add(new Window(start, bytes.ToArray()));
        }
        return windows;
    }

    private static async Task<Outcome> ReadOnceAsync(HttpClient client, Window window)
    {
        using var response = await client.GetAsync($"recordings/before/segment?start={window.Start}&count={WindowSamples}&format=f32");
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            Assert.True(response.Headers.RetryAfter is not null, "a 503 without Retry-After");
            return Outcome.Unavailable;
        }
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return Outcome.Unexpected;
        }
        return (await response.Content.ReadAsByteArrayAsync()).AsSpan().SequenceEqual(window.Expected) ? Outcome.Right : Outcome.Wrong;
    }

    private ReadLoop ReadThroughoutAsync(HttpClient client, List<Window> windows, Stopwatch clock, CancellationToken stop)
    {
        var loop = new ReadLoop();
        loop.Finished = Task.Run(async () =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                Outcome outcome;
                try
                {
                    outcome = await ReadOnceAsync(client, windows[i % windows.Count]);
                }
                catch (HttpRequestException e)
                {
                    output.WriteLine($"read {i}: {e.Message}");
                    outcome = Outcome.Unexpected;
                }
                loop.Record(outcome, clock.Elapsed);
                await Task.Delay(200, CancellationToken.None);
            }
            return loop.Tally;
        }, CancellationToken.None);
        return loop;
    }

    private static async Task<TimeSpan> WaitForProgressAsync(HttpClient client, string id, int doneAtKill, Stopwatch clock)
    {
        for (int i = 0; i < 6000; i++)
        {
            if (await ChunksDoneAsync(client, id) is { } done && done > doneAtKill)
            {
                return clock.Elapsed;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the import of {id} made no progress after the kill");
    }

    /// <summary>Chunks done, or null while the cluster answers 503; complete counts as all of them.</summary>
    private static async Task<int?> ChunksDoneAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"recordings/{id}");
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            return null;
        }
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        return view.GetProperty("phase").GetString() == "complete" ? int.MaxValue : view.GetProperty("chunks_done").GetInt32();
    }

    private sealed record Window(long Start, byte[] Expected);

    private enum Outcome { Right, Wrong, Unavailable, Unexpected }

    private sealed record Tally(int Right, int Wrong, int Unavailable, int Unexpected)
    {
        public override string ToString() => $"{Right} right, {Wrong} wrong, {Unavailable} 503, {Unexpected} other";
    }

    private sealed class ReadLoop
    {
        private readonly Lock _lock = new();
        private readonly List<(Outcome Outcome, TimeSpan At)> _outcomes = [];

        public Task<Tally> Finished { get; set; } = null!;

        public Tally Tally
        {
            get
            {
                lock (_lock)
                {
                    int Count(Outcome o) => _outcomes.Count(x => x.Outcome == o);
                    return new Tally(Count(Outcome.Right), Count(Outcome.Wrong), Count(Outcome.Unavailable), Count(Outcome.Unexpected));
                }
            }
        }

        public void Record(Outcome outcome, TimeSpan at)
        {
            lock (_lock)
            {
                _outcomes.Add((outcome, at));
            }
        }

        /// <summary>When reads answered 503, relative to the kill.</summary>
        public string Unavailability(TimeSpan killedAt)
        {
            lock (_lock)
            {
                var unavailable = _outcomes.Where(x => x.Outcome == Outcome.Unavailable).ToList();
                return unavailable.Count == 0
                    ? "no read answered 503"
                    : $"503s from {Since(unavailable[0].At, killedAt)} to {Since(unavailable[^1].At, killedAt)}";
            }
        }

        /// <summary>The first right read after <paramref name="moment"/> (waits for one).</summary>
        public async Task<TimeSpan> AnsweredAfterAsync(TimeSpan moment)
        {
            for (int i = 0; i < 1200; i++)
            {
                lock (_lock)
                {
                    if (_outcomes.FirstOrDefault(x => x.Outcome == Outcome.Right && x.At > moment) is { At: var at } found && found != default)
                    {
                        return at;
                    }
                }
                if (Finished.IsCompleted)
                {
                    break;
                }
                await Task.Delay(100);
            }
            throw new TimeoutException($"reads never answered right after {moment}");
        }
    }
}
