using Hark.Node.Tests.Docker;
using Hark.Node.Tests.Fixtures;
using Hark.Testing;
using Xunit.Abstractions;

namespace Hark.Node.Tests.Browser;

/// <summary>
/// The dashboard in headless Chromium against the compose file's three nodes (processes on loopback, one Azurite),
/// opened on node3, which hosts neither imports nor the first seed: it lists all three members up, every node's
/// numbers and the charts; an import started through node1 appears and its chunk count moves; once node2 is killed
/// the page lists two members. No page logs an error on the way.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    private const string MemberRows = "document.querySelectorAll('#members tbody tr')";

    private static string ChunksDone(string id) =>
        $"Number(document.querySelector('#imports tr[data-id=\"{id}\"]')?.cells[3].textContent.split('/')[0] ?? -1)";

    [Fact]
    public async Task Any_node_shows_three_members_an_import_moving_and_two_members_once_one_is_killed()
    {
        using var folder = new TempDirectory("hark-dashboard");
        var source = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 240, 48000), folder.File("long.wav"), "-c:a", "pcm_s16le");
        await using var cluster = await ComposeCluster.StartAsync(folder.Path);
        var key = cluster.Clients[0].DefaultRequestHeaders.Authorization!.Parameter!;
        await using var browser = await BrowserPage.OpenAsync(key);

        await browser.Page.GoToAsync(new Uri(cluster.Nodes[2].Address, "/").ToString());
        await browser.WaitForAsync($"{MemberRows}.length === 3 && [...{MemberRows}].every(r => r.cells[2].textContent === 'up')");
        await browser.WaitForAsync("document.querySelectorAll('#nodes tbody tr').length === 3");
        Assert.Equal(1, await browser.EvaluateAsync<int>($"[...{MemberRows}].filter(r => r.cells[5].textContent === 'answering').length"));

        await ImportPolling.StartAsync(cluster.Clients[0], new { path = source, id = "dash", chunk_seconds = 1 });
        await browser.WaitForAsync($"{ChunksDone("dash")} >= 0");
        int seen = await browser.EvaluateAsync<int>(ChunksDone("dash"));
        await browser.WaitForAsync($"{ChunksDone("dash")} > {seen}");
        int later = await browser.EvaluateAsync<int>(ChunksDone("dash"));
        output.WriteLine($"the page showed {seen}, then {later} chunks done");
        // Live charts: one canvas per chart, drawn by uPlot.
        await browser.WaitForAsync("document.querySelectorAll('.charts canvas').length === 3");
        output.WriteLine($"screenshot: {await browser.ScreenshotAsync("dashboard-importing")}");
        await ImportPolling.WaitForCompleteAsync(cluster.Clients[0], "dash", polls: 3000);
        await browser.WaitForAsync("document.getElementById('recording-count').textContent === '1'");
        // The import's whole history is in the charts now.
        output.WriteLine($"screenshot: {await browser.ScreenshotAsync("dashboard")}");

        await cluster.Nodes[1].KillAsync();
        await browser.WaitForAsync($"{MemberRows}.length === 2", TimeSpan.FromMinutes(3));
        await browser.WaitForAsync("document.querySelectorAll('#nodes tbody tr').length === 2");
        output.WriteLine($"screenshot: {await browser.ScreenshotAsync("dashboard-after-kill")}");

        browser.AssertNoErrors();
    }
}
