using System.Text.Json;
using Hark.Testing;

namespace Hark.Cli.Tests;

/// <summary><c>hark import FOLDER</c> as a user runs it: per-file start times and stations from a file name pattern.</summary>
public sealed class BatchCliTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-batch-cli");
    private string Archive => _dir.File("archive");

    public void Dispose() => _dir.Dispose();

    private Task<ProcessResult> HarkAsync(params string[] args) => ProcessRunner.HarkAsync([.. args, "--archive", Archive]);

    [Fact]
    public async Task A_folder_batch_takes_each_files_station_and_start_time_from_the_name_pattern()
    {
        var card = Directory.CreateDirectory(_dir.File("card")).FullName;
        foreach (var name in new[] { "RIDGE_20260530_041200.wav", "RIDGE_20260530_051500.wav", "MARSH_20260531_235959.wav" })
        {
            await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 2, 16000), Path.Combine(card, name), "-c:a", "pcm_s16le");
        }
        // A file that says its own time (a BWF origination stamp) keeps it: the pattern only fills in what files leave out.
        await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 2, 16000), Path.Combine(card, "MARSH_20260101_000000.wav"),
            "-c:a", "pcm_s16le", "-write_bext", "1", "-metadata", "origination_date=2024-03-04", "-metadata", "origination_time=05:06:07");

        var import = await HarkAsync("import", card, "--name-pattern", "{station}_{yyyy}{MM}{dd}_{HH}{mm}{ss}", "--concurrency", "2");
        Assert.True(import.ExitCode == 0, import.StandardError);
        Assert.EndsWith("imported 4 of 4 files", import.Output.Trim());

        using var list = JsonDocument.Parse((await HarkAsync("ls", "--json")).Output);
        var rows = list.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(("RIDGE", Utc(2026, 5, 30, 4, 12, 0)), Of(rows["RIDGE_20260530_041200"]));
        Assert.Equal(("RIDGE", Utc(2026, 5, 30, 5, 15, 0)), Of(rows["RIDGE_20260530_051500"]));
        Assert.Equal(("MARSH", Utc(2026, 5, 31, 23, 59, 59)), Of(rows["MARSH_20260531_235959"]));
        Assert.Equal(("MARSH", Utc(2024, 3, 4, 5, 6, 7)), Of(rows["MARSH_20260101_000000"]));

        var bad = await HarkAsync("import", card, "--name-pattern", "{station}_{when}");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("unknown field {when}", bad.StandardError);
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second) => new(year, month, day, hour, minute, second, TimeSpan.Zero);

    private static (string?, DateTimeOffset) Of(JsonElement row) => (row.GetProperty("station").GetString(), row.GetProperty("start_time").GetDateTimeOffset());
}
