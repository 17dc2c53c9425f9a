using Hark.Testing;

namespace Hark.Cli.Tests.Node;

/// <summary>
/// An archive with a running `hark serve` on it, holding an AAC recording ("field", 4 s stereo) and a LAC one
/// ("lossless", 1 s mono), so each command can run against the same archive both ways: here and through the node.
/// </summary>
public sealed class ServedArchive : IAsyncLifetime
{
    private readonly TempDirectory _folder = new("hark-cli-node");
    private ServeProcess? _serve;

    public string Archive => _folder.File("archive");

    public string Node => (_serve ?? throw new InvalidOperationException("not started")).Address.ToString();

    public string Stereo => _folder.File("field.wav");

    public string File(string name) => _folder.File(name);

    public async Task InitializeAsync()
    {
        await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 4, 44100), Stereo, "-c:a", "pcm_s16le");
        var mono = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 1, 44100), _folder.File("lossless.wav"), "-c:a", "pcm_s16le");
        // Imports through the node read only inside its import roots: the folder the sources are made in.
        _serve = await ServeProcess.StartAsync(["--port", "0", "--archive", Archive],
            new Dictionary<string, string> { ["HARK_IMPORT_ROOTS"] = _folder.Path });
        await ImportAsync(Stereo, "--id", "field", "--chunk-seconds", "1");
        await ImportAsync(mono, "--id", "lossless", "--codec", "lac");
    }

    /// <summary>A command run here, on the archive, in a cluster of one of its own (or no cluster, for reads).</summary>
    public Task<ProcessResult> HereAsync(params string[] args) => ProcessRunner.HarkAsync([.. args, "--archive", Archive]);

    /// <summary>The same command through the running node.</summary>
    public Task<ProcessResult> ThroughNodeAsync(params string[] args) => ProcessRunner.HarkAsync([.. args, "--node", Node]);

    private async Task ImportAsync(params string[] args)
    {
        var result = await ThroughNodeAsync(["import", .. args]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"import {string.Join(' ', args)} failed: {result.StandardError}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }
        _folder.Dispose();
    }
}
