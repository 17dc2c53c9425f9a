using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Node.Tests.Fixtures;

namespace Hark.Node.Tests.Security;

/// <summary>
/// A node with API keys, over real HTTP: no key or an unknown key is a 401 problem with <c>WWW-Authenticate: Bearer</c>,
/// a read key on a route that changes the archive is a 403, a read key reads and a write key does both, in either
/// header. Health, readiness, metrics, the OpenAPI description and the dashboard's page stay open.
/// </summary>
public sealed class ApiKeyTests(KeyedNode node) : IClassFixture<KeyedNode>
{
    private const string Id = KeyedNode.RecordingId;

    public static TheoryData<string, string> Reads() => new()
    {
        { "GET", "/recordings" },
        { "GET", $"/recordings/{Id}" },
        { "GET", $"/recordings/{Id}/metadata" },
        { "GET", $"/recordings/{Id}/info" },
        { "GET", $"/recordings/{Id}/segment?start=0&count=100&format=s16" },
        { "GET", $"/recordings/{Id}/export.wav?from=0&to=100" },
    };

    public static TheoryData<string, string> Writes() => new()
    {
        { "POST", "/recordings" },
        { "POST", $"/recordings/{Id}/verify" },
        { "DELETE", $"/recordings/{Id}" },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    [MemberData(nameof(Writes))]
    public async Task Without_a_key_every_archive_route_is_401_with_a_bearer_challenge(string method, string path)
    {
        using var anonymous = node.Client(null);
        var response = await anonymous.SendAsync(Request(method, path));
        var detail = await Problems.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Contains("X-Api-Key", detail);
    }

    [Theory]
    [InlineData("GET", "/recordings")]
    [InlineData("POST", "/recordings")]
    public async Task An_unknown_key_is_401_in_either_header(string method, string path)
    {
        using var bearer = node.Client("not-a-key");
        using var header = node.ApiKeyHeaderClient("not-a-key");
        foreach (var client in new[] { bearer, header })
        {
            var response = await client.SendAsync(Request(method, path));
            var detail = await Problems.AssertAsync(response, HttpStatusCode.Unauthorized);
            Assert.Contains("not one this node accepts", detail);
            Assert.DoesNotContain("not-a-key", detail);
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_read_key_on_a_route_that_changes_the_archive_is_403(string method, string path)
    {
        using var reader = node.Client(KeyedNode.ReadKey);
        var response = await reader.SendAsync(Request(method, path));
        var detail = await Problems.AssertAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("write key", detail);
        Assert.Equal("write", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("scope").GetString());
        // Still there: the refused delete deleted nothing.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/recordings/{Id}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task A_read_key_reads_in_either_header(string method, string path)
    {
        using var bearer = node.Client(KeyedNode.ReadKey);
        using var header = node.ApiKeyHeaderClient(KeyedNode.ReadKey);
        foreach (var client in new[] { bearer, header })
        {
            var response = await client.SendAsync(Request(method, path));
            Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task A_write_key_verifies_imports_deletes_and_reads_in_either_header()
    {
        using var bearer = node.Client(KeyedNode.WriteKey);
        using var header = node.ApiKeyHeaderClient(KeyedNode.WriteKey);

        var verified = await header.PostAsync($"/recordings/{Id}/verify", null);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.True((await verified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("valid").GetBoolean());

        var source = await node.MakeSourceAsync("written.wav");
        Assert.Equal(HttpStatusCode.Accepted, (await bearer.PostAsJsonAsync("/recordings", new { path = source, id = "written", codec = "lac" })).StatusCode);
        await ImportPolling.WaitForCompleteAsync(header, "written");
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/recordings/written/segment?start=0&count=10&format=f32")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await header.DeleteAsync("/recordings/written")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bearer.GetAsync("/recordings/written")).StatusCode);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/metrics")]
    [InlineData("/openapi.json")]
    [InlineData("/")]
    [InlineData("/dashboard.js")]
    [InlineData("/dashboard.css")]
    [InlineData("/hark.js")]
    [InlineData("/tools/adts")]
    [InlineData("/adts.js")]
    [InlineData("/vendor/uplot.js")]
    public async Task Health_metrics_the_description_and_the_dashboard_page_need_no_key(string path)
    {
        using var anonymous = node.Client(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_route_that_does_not_exist_says_nothing_without_a_key()
    {
        using var anonymous = node.Client(null);
        await Problems.AssertAsync(await anonymous.GetAsync("/admin"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_openapi_description_lists_the_refusals()
    {
        using var anonymous = node.Client(null);
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi.json");
        var delete = document.GetProperty("paths").GetProperty("/recordings/{id}").GetProperty("delete").GetProperty("responses");
        Assert.True(delete.TryGetProperty("401", out _));
        Assert.True(delete.TryGetProperty("403", out _));
        var list = document.GetProperty("paths").GetProperty("/recordings").GetProperty("get").GetProperty("responses");
        Assert.True(list.TryGetProperty("401", out _));

        // Either header, as alternatives; health is open.
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("apiKey").GetProperty("name").GetString());
        Assert.Equal(2, document.GetProperty("security").GetArrayLength());
        Assert.Equal(0, document.GetProperty("paths").GetProperty("/healthz").GetProperty("get").GetProperty("security").GetArrayLength());
    }

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST" && path == "/recordings")
        {
            request.Content = JsonContent.Create(new { path = "/nowhere.wav" });
        }
        return request;
    }
}
