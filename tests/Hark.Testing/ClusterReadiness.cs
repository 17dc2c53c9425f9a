using System.Net;

namespace Hark.Testing;

/// <summary>Waits for a node's readiness to report a number of members up (a downed one is gone); bounded.</summary>
public static class ClusterReadiness
{
    public static async Task WaitForMembersAsync(HttpClient node, int members)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await node.GetAsync("readyz");
            if (response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Contains($"{members} nodes up", StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{node.BaseAddress} never saw {members} members up");
    }
}
