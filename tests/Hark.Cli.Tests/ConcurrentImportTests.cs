using System.Text.Json;
using Hark.Testing;
using Xunit.Abstractions;

namespace Hark.Cli.Tests;

/// <summary>
/// Two `hark import --replace` processes of two different sources into one id of one archive, started together:
/// whichever way they interleave, exactly one recording is complete afterwards, it verifies, and it is bit for bit
/// one of the two sources' clean imports; a process that lost says why in one line.
/// </summary>
public sealed class ConcurrentImportTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rounds = 20;
    private readonly TempDirectory _dir = new("hark-race");
    private AzuriteProcess? _azurite;
    private string _sourceA = "";
    private string _sourceB = "";
    private byte[] _cleanA = [];
    private byte[] _cleanB = [];

    public async Task InitializeAsync()
    {
        // Different lengths and content, so which source won is plain from the bytes. Several chunks each.
        _sourceA = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 7, 22050), _dir.File("a.wav"), "-c:a", "pcm_s16le");
        _sourceB = await AudioGenerator.GenerateAsync("anoisesrc=d=5.5:c=pink:r=22050:a=0.3", _dir.File("b.wav"), "-c:a", "pcm_s16le", "-ac", "2");
        _cleanA = await CleanImportAsync(_sourceA, "clean-a");
        _cleanB = await CleanImportAsync(_sourceB, "clean-b");
        Assert.NotEqual(_cleanA, _cleanB);
        _azurite = await AzuriteProcess.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
        _dir.Dispose();
    }

    [Fact]
    public Task Racing_replacements_on_a_local_archive_end_with_one_complete_recording_equal_to_a_clean_import() =>
        RaceAsync(_dir.File("race-local"), environment: null, localFolder: _dir.File("race-local"));

    [Fact]
    public Task Racing_replacements_on_azurite_end_with_one_complete_recording_equal_to_a_clean_import() =>
        RaceAsync("az://race", new Dictionary<string, string> { ["HARK_AZURE_STORAGE_CONNECTION_STRING"] = _azurite!.ConnectionString }, localFolder: null);

    private async Task RaceAsync(string archive, IDictionary<string, string>? environment, string? localFolder)
    {
        Assert.Equal(0, (await HarkAsync(environment, "import", _sourceA, "--id", "x", "--codec", "lac", "--chunk-seconds", "1", "--archive", archive)).ExitCode);
        var outcomes = new List<string>();
        for (int round = 0; round < Rounds; round++)
        {
            var racing = await Task.WhenAll(
                HarkAsync(environment, "import", _sourceA, "--id", "x", "--replace", "--codec", "lac", "--chunk-seconds", "1", "--jobs", "1", "--archive", archive),
                HarkAsync(environment, "import", _sourceB, "--id", "x", "--replace", "--codec", "lac", "--chunk-seconds", "1", "--jobs", "1", "--archive", archive));
            foreach (var loser in racing.Where(r => r.ExitCode != 0))
            {
                // The loser's error is one line naming what happened, not whatever broke after its staging was revoked.
                var line = Assert.Single(loser.StandardError.Split('\n'), l => l.StartsWith("hark:", StringComparison.Ordinal));
                Assert.Equal("hark: import of x was stopped: another import of the same id took over", line);
            }
            Assert.Contains(racing, r => r.ExitCode == 0);

            var list = await HarkAsync(environment, "ls", "--json", "--archive", archive);
            var rows = JsonDocument.Parse(list.Output).RootElement.EnumerateArray().ToList();
            var row = Assert.Single(rows);
            Assert.Equal(("x", "complete"), (row.GetProperty("id").GetString(), row.GetProperty("state").GetString()));
            var verify = await HarkAsync(environment, "verify", "x", "--archive", archive);
            Assert.True(verify.ExitCode == 0, $"round {round}: {verify.StandardError}");
            var stored = await ExportAsync(environment, archive, $"round-{round}.wav");
            Assert.True(stored.SequenceEqual(_cleanA) || stored.SequenceEqual(_cleanB), $"round {round}: the recording is neither source's clean import");
            outcomes.Add($"{(stored.SequenceEqual(_cleanA) ? 'A' : 'B')}{string.Concat(racing.Select(r => r.ExitCode == 0 ? '+' : '-'))}");
            if (localFolder is not null)
            {
                // Nothing of the losers is left: one generation under the recording.
                var generations = Directory.GetDirectories(Path.Combine(localFolder, "recordings", "x"));
                Assert.True(generations.Length == 1, $"round {round}: {string.Join(", ", generations.Select(Path.GetFileName))}");
            }
        }
        // Which source won and which process failed (+/-), per round: both outcomes are legal.
        output.WriteLine(string.Join(" ", outcomes));
        Assert.True(outcomes.Any(o => o.Contains('-', StringComparison.Ordinal)),
            $"no round had a loser, so the imports never overlapped and nothing was tested: {string.Join(" ", outcomes)}");
    }

    private async Task<byte[]> CleanImportAsync(string source, string name)
    {
        var archive = _dir.File(name);
        var import = await HarkAsync(null, "import", source, "--id", "x", "--codec", "lac", "--chunk-seconds", "1", "--archive", archive);
        Assert.True(import.ExitCode == 0, import.StandardError);
        return await ExportAsync(null, archive, name + ".wav");
    }

    private async Task<byte[]> ExportAsync(IDictionary<string, string>? environment, string archive, string name)
    {
        var path = _dir.File(name);
        var export = await HarkAsync(environment, "export", "x", "--format", "wav", "-o", path, "--archive", archive);
        Assert.True(export.ExitCode == 0, export.StandardError);
        return await File.ReadAllBytesAsync(path);
    }

    private static Task<ProcessResult> HarkAsync(IDictionary<string, string>? environment, params string[] arguments) =>
        ProcessRunner.RunAsync(RepoPaths.HarkScript, arguments, environment: environment);
}
