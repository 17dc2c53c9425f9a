using System.Net.Http.Json;
using System.Text.Json;

namespace Hark.Node.Tests.Fixtures;

/// <summary>Starts an import through the API and waits for it, a bounded number of status polls.</summary>
public static class ImportPolling
{
    /// <summary>POST /recordings, which must be accepted.</summary>
    public static async Task StartAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/recordings", body);
        if (response.StatusCode != System.Net.HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"the import was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>
    /// Until the import has at least <paramref name="chunks"/> chunks done and is still importing (a test that
    /// interrupts it needs it unfinished); returns the chunks done. 503s (a recovering cluster) are asked again.
    /// </summary>
    public static async Task<int> WaitForChunksAsync(HttpClient client, string id, int chunks, int polls = 6000)
    {
        for (int i = 0; i < polls; i++)
        {
            using var response = await client.GetAsync($"/recordings/{id}");
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable)
            {
                response.EnsureSuccessStatusCode();
                var view = await response.Content.ReadFromJsonAsync<JsonElement>();
                var phase = view.GetProperty("phase").GetString();
                if (phase is "complete" or "failed")
                {
                    throw new InvalidOperationException($"the import of {id} ended ({phase}) before {chunks} chunks were seen done");
                }
                int done = view.GetProperty("chunks_done").GetInt32();
                if (done >= chunks)
                {
                    return done;
                }
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"the import of {id} never reached {chunks} chunks");
    }

    public static async Task<JsonElement> WaitForCompleteAsync(HttpClient client, string id, int polls = 1200)
    {
        for (int i = 0; i < polls; i++)
        {
            using var response = await client.GetAsync($"/recordings/{id}");
            if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                // While a failed node is downed and its shards move, the cluster says so with a 503: ask again.
                await Task.Delay(100);
                continue;
            }
            response.EnsureSuccessStatusCode();
            var view = await response.Content.ReadFromJsonAsync<JsonElement>();
            var phase = view.GetProperty("phase").GetString();
            if (phase == "complete")
            {
                return view;
            }
            if (phase == "failed")
            {
                throw new InvalidOperationException($"import of {id} failed: {view.GetProperty("reason")}");
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"import of {id} did not complete");
    }
}
