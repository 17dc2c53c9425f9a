using Hark.Testing;

namespace Hark.Cli.Tests.Node;

/// <summary>A `hark serve` with a write key and a read key, importing from its own folder, holding one recording ("field").</summary>
public sealed class KeyedServe : IAsyncLifetime
{
    public const string WriteKey = "cli-w-0c1d";
    public const string ReadKey = "cli-r-9e8f";

    private readonly TempDirectory _folder = new("hark-cli-keyed");
    private ServeProcess? _serve;

    public string Node => (_serve ?? throw new InvalidOperationException("not started")).Address.ToString();

    public string Source => _folder.File("field.wav");

    public async Task InitializeAsync()
    {
        await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 1, 44100), Source, "-c:a", "pcm_s16le");
        _serve = await ServeProcess.StartAsync(["--port", "0", "--archive", _folder.File("archive")], new Dictionary<string, string>
        {
            ["HARK_API_KEYS"] = $"write:{WriteKey},read:{ReadKey}",
            ["HARK_IMPORT_ROOTS"] = _folder.Path,
        });
        var import = await ProcessRunner.HarkAsync("import", Source, "--id", "field", "--codec", "lac", "--node", Node, "--api-key", WriteKey);
        if (import.ExitCode != 0)
        {
            throw new InvalidOperationException($"import failed: {import.StandardError}");
        }
    }

    /// <summary>./hark with HARK_API_KEY set (or not, when <paramref name="key"/> is null).</summary>
    public Task<ProcessResult> WithKeyVariableAsync(string? key, params string[] args) =>
        ProcessRunner.RunAsync(RepoPaths.HarkScript, args,
            environment: key is null ? null : new Dictionary<string, string> { ["HARK_API_KEY"] = key });

    public async Task DisposeAsync()
    {
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }
        _folder.Dispose();
    }
}
