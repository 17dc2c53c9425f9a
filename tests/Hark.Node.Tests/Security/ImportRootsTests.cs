using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Node.Tests.Fixtures;
using Hark.Testing;

namespace Hark.Node.Tests.Security;

/// <summary>
/// POST /recordings reads only inside the node's import roots, judged on the real path (links and <c>..</c>
/// resolved): everything else is one 403, the same answer whether or not the file exists.
/// </summary>
public sealed class ImportRootsTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new("hark-import-root");
    private readonly TempDirectory _outside = new("hark-import-outside");
    private RunningNode? _node;
    private string _inside = "";
    private string _secret = "";

    private HttpClient Client => _node!.Client;

    public async Task InitializeAsync()
    {
        _inside = await Generate(_root.File("inside.wav"));
        _secret = await Generate(_outside.File("secret.wav"));
        _node = await RunningNode.StartAsync(configure: options => options with { ImportRoots = [_root.Path] });
    }

    [Fact]
    public async Task A_file_inside_a_root_imports()
    {
        var started = await Client.PostAsJsonAsync("/recordings", new { path = _inside, id = "inside", codec = "lac" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await ImportPolling.WaitForCompleteAsync(Client, "inside");
    }

    [Fact]
    public async Task A_link_inside_a_root_to_a_file_inside_it_imports()
    {
        var link = _root.File("alias.wav");
        File.CreateSymbolicLink(link, _inside);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsJsonAsync("/recordings", new { path = link, id = "alias", codec = "lac" })).StatusCode);
        await ImportPolling.WaitForCompleteAsync(Client, "alias");
    }

    [Fact]
    public async Task A_file_outside_every_root_is_403()
    {
        var detail = await Problems.AssertAsync(await Post(_secret), HttpStatusCode.Forbidden);
        Assert.Contains("HARK_IMPORT_ROOTS", detail);
        Assert.DoesNotContain("secret", detail);
    }

    [Fact]
    public async Task Dot_dot_out_of_a_root_is_403()
    {
        var escape = Path.Combine(_root.Path, "..", Path.GetFileName(_outside.Path), "secret.wav");
        await Problems.AssertAsync(await Post(escape), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_link_out_of_a_root_is_403_for_a_file_and_for_a_folder()
    {
        var fileLink = _root.File("innocent.wav");
        File.CreateSymbolicLink(fileLink, _secret);
        var folderLink = _root.File("shared");
        Directory.CreateSymbolicLink(folderLink, _outside.Path);

        await Problems.AssertAsync(await Post(fileLink), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await Post(Path.Combine(folderLink, "secret.wav")), HttpStatusCode.Forbidden);
        // A link followed by "..": the kernel takes ".." from the link's target, and so does the check.
        Directory.CreateDirectory(Path.Combine(_outside.Path, "deeper"));
        var deepLink = _root.File("deep");
        Directory.CreateSymbolicLink(deepLink, Path.Combine(_outside.Path, "deeper"));
        await Problems.AssertAsync(await Post(Path.Combine(deepLink, "..", "secret.wav")), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_missing_file_outside_the_roots_gets_the_same_answer_as_an_existing_one()
    {
        var existing = await (await Post(_secret)).Content.ReadAsStringAsync();
        var missing = await (await Post(_outside.File("no-such.wav"))).Content.ReadAsStringAsync();
        var nowhere = await (await Post("/no/such/folder/x.wav")).Content.ReadAsStringAsync();
        Assert.Equal(Comparable(existing), Comparable(missing));
        Assert.Equal(Comparable(existing), Comparable(nowhere));
    }

    [Fact]
    public async Task A_missing_file_inside_a_root_is_still_400_and_named()
    {
        var detail = await Problems.AssertAsync(await Post(_root.File("absent.wav")), HttpStatusCode.BadRequest);
        Assert.Contains("absent.wav", detail);
    }

    [Fact]
    public async Task Without_roots_the_api_imports_nothing()
    {
        await using var rootless = await RunningNode.StartAsync();
        var detail = await Problems.AssertAsync(await rootless.Client.PostAsJsonAsync("/recordings", new { path = _inside }), HttpStatusCode.Forbidden);
        Assert.Contains("no import roots", detail);
    }

    private Task<HttpResponseMessage> Post(string path) => Client.PostAsJsonAsync("/recordings", new { path, id = "probe", codec = "lac" });

    /// <summary>The answer without its per-request trace id, if it carries one.</summary>
    private static string Comparable(string body)
    {
        var members = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body)!;
        members.Remove("traceId");
        return JsonSerializer.Serialize(members);
    }

    private static Task<string> Generate(string path) =>
        AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 1, 48000), path, "-c:a", "pcm_s16le");

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
        _root.Dispose();
        _outside.Dispose();
    }
}
