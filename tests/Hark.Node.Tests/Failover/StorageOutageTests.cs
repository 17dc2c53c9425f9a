using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Node.Configuration;
using Hark.Node.Tests.Fixtures;
using Hark.Storage;
using Hark.Testing;
using Xunit.Abstractions;

namespace Hark.Node.Tests.Failover;

/// <summary>
/// The archive's Azure store (Azurite) goes away for 20 s in the middle of an import and comes back on the same port
/// with the same data: the import waits it out and completes equal to a clean import; reads during the outage are
/// a prompt 503; the recording archived before is untouched.
/// </summary>
[Collection(FailoverSources.Collection)]
public sealed class StorageOutageTests(FailoverSources sources, ITestOutputHelper output)
{
    private static readonly TimeSpan OutageLength = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_import_waits_out_a_storage_outage_and_reads_answer_503_meanwhile()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["HARK_ARCHIVE"] = "az://outage",
            [NodeSettingNames.AzureConnectionStringVariable] = azurite.ConnectionString,
            ["HARK_IMPORT_WORKERS"] = "1",
            ["HARK_IMPORT_ROOTS"] = sources.Folder,
        };
        await using var node = await ServeProcess.StartAsync(["--port", "0"], environment);
        using var client = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromMinutes(3) };
        var archive = new ArchiveStore(BlobStoreLocation.Open("az://outage",
            name => name == NodeSettingNames.AzureConnectionStringVariable ? azurite.ConnectionString : null));

        await ImportPolling.StartAsync(client, new { path = sources.Short, id = "before", chunk_seconds = 5 });
        await ImportPolling.WaitForCompleteAsync(client, "before");
        var before = await FailoverSources.WholeAsync(archive, "before");

        await ImportPolling.StartAsync(client, new { path = sources.Long, id = "field", chunk_seconds = 5 });
        await ImportPolling.WaitForChunksAsync(client, "field", 2);

        await azurite.StopServiceAsync();
        var outage = Stopwatch.StartNew();
        // Never opened by the node: its read must go to the store, which is gone.
        var read = Stopwatch.StartNew();
        using (var during = await client.GetAsync("recordings/before/segment?start=0&count=48000&format=f32"))
        {
            read.Stop();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
            Assert.NotNull(during.Headers.RetryAfter);
            var problem = await during.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("cannot be reached", problem.GetProperty("detail").GetString());
        }
        using (var status = await client.GetAsync("recordings/field"))
        {
            Assert.Equal(HttpStatusCode.OK, status.StatusCode); // the entity answers from memory
        }
        await Task.Delay(OutageLength - outage.Elapsed); // the outage itself, not a wait for something to happen
        await azurite.RestartAsync();

        await ImportPolling.WaitForCompleteAsync(client, "field", polls: 6000);
        output.WriteLine($"a read during the outage answered 503 after {read.Elapsed.TotalSeconds:0.0} s; " +
                         $"the import completed {outage.Elapsed.TotalSeconds - OutageLength.TotalSeconds:0.0} s after the store came back");
        Assert.Equal(sources.CleanImport, await FailoverSources.WholeAsync(archive, "field"));
        Assert.Equal(before, await FailoverSources.WholeAsync(archive, "before"));
        Assert.True((await archive.VerifyRecordingAsync("before", null, CancellationToken.None)).Valid);
        Assert.Contains("cannot be reached", node.Errors);
    }

}
