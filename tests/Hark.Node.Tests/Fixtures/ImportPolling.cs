using System.Net.Http.Json;
using System.Text.Json;

namespace Hark.Node.Tests.Fixtures;

/// <summary>Waits for an import through the API, a bounded number of status polls.</summary>
public static class ImportPolling
{
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
