using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Engine.Import;
using Hark.Engine.Segments;
using Hark.Node.Tests.Fixtures;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Node.Tests.Docker;

/// <summary>
/// Three <c>hark serve</c> processes as the compose file starts them, on one Azurite; the importer node is SIGKILLed
/// mid-import. Its chunks are handed out again, the import completes, and the recording is bit-identical to a
/// single-node import of the same file; the surviving nodes keep answering reads.
/// </summary>
public sealed class KilledNodeTests
{
    [Fact]
    public async Task An_import_survives_a_killed_importer_node_and_equals_a_single_node_import()
    {
        using var folder = new TempDirectory("hark-kill");
        var source = await AudioGenerator.GenerateAsync(
            "aevalsrc=0.3*sin(2*PI*(250+40*t)*t)+0.03*(random(0)-0.5)|0.3*sin(2*PI*(900-20*t)*t)+0.03*(random(1)-0.5):s=48000:d=45",
            folder.File("field.wav"), "-c:a", "pcm_s16le");
        await using var cluster = await ComposeCluster.StartAsync(folder.Path);
        var nodes = cluster.Nodes;
        var clients = cluster.Clients;

        var started = await clients[0].PostAsJsonAsync("recordings", new { path = source, id = "field", chunk_seconds = 1 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await ImportPolling.WaitForChunksAsync(clients[0], "field", 3);

        // node2 (importer, reader) dies without a word; node1 still imports, node3 still reads.
        await nodes[1].KillAsync();
        await ImportPolling.WaitForCompleteAsync(clients[0], "field", polls: 3000);

        var clustered = await ArchiveContents.WholeAsync(cluster.Archive, "field");

        var local = ArchiveStore.Open(folder.File("single"));
        await new LocalImporter(new ImportSteps(local)).ImportAsync(
            new ImportRequest { Id = "field", SourcePath = source, ChunkSeconds = 1 }, 2, null, CancellationToken.None);
        Assert.Equal(await ArchiveContents.WholeAsync(local, "field"), clustered);

        // Reads keep being answered after the rebalance (the killed node downed, two members left), by a node that
        // was never killed.
        await ClusterReadiness.WaitForMembersAsync(clients[2], 2);
        using var response = await clients[2].GetAsync("recordings/field/segment?start=100000&count=48000&format=f32");
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()} {nodes[2].Errors}");
        var segment = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(clustered.AsSpan(100000 * 2 * 4, 48000 * 2 * 4).ToArray(), segment);
    }
}
