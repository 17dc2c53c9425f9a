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
            var view = await client.GetFromJsonAsync<JsonElement>($"/recordings/{id}");
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
