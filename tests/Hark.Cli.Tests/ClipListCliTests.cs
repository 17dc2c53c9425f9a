using System.Globalization;
using Hark.Testing;

namespace Hark.Cli.Tests;

/// <summary>
/// `hark segment ID --list CLIPS.csv -o DIR` as a process: many clips of one recording in one run, each exactly the
/// source's samples (a LAC recording against ffmpeg's decode of the source), named by the list or numbered; a bad
/// line is refused with its number before any clip is written.
/// </summary>
public sealed class ClipListCliTests : IAsyncLifetime
{
    private const int Rate = 32000;
    private const int Channels = 2;
    private readonly TempDirectory _dir = new("hark-clips");
    private byte[] _source = [];

    private string Archive => _dir.File("archive");

    private Task<ProcessResult> HarkAsync(params string[] args) => ProcessRunner.HarkAsync([.. args, "--archive", Archive]);

    public async Task InitializeAsync()
    {
        var wav = await AudioGenerator.GenerateAsync(
            $"anoisesrc=d=20:c=pink:r={Rate}:a=0.4:seed=5,aformat=channel_layouts=stereo", _dir.File("noise.wav"), "-c:a", "pcm_s16le");
        var import = await HarkAsync("import", wav, "--id", "noise", "--codec", "lac", "--chunk-seconds", "5");
        Assert.True(import.ExitCode == 0, import.StandardError);
        _source = (await ProcessRunner.RunCheckedAsync("ffmpeg", "-v", "error", "-i", wav, "-f", "s16le", "-")).StandardOutput;
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Sample_ranges_with_names_are_written_in_parallel_each_exactly_its_samples()
    {
        var random = new Random(3);
        var clips = Enumerable.Range(0, 200).Select(i => (Name: $"clip-{i}", Start: (long)random.Next(0, 20 * Rate - 5000), Count: (long)random.Next(1, 5000))).ToList();
        var list = _dir.File("ranges.csv");
        await File.WriteAllLinesAsync(list, ["# sample ranges", "name,start_sample,count", .. clips.Select(c => $"{c.Name},{c.Start},{c.Count}")]);

        var run = await HarkAsync("segment", "noise", "--list", list, "--format", "s16", "-o", _dir.File("out"), "--jobs", "4");

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("200 clips", run.StandardError);
        foreach (var clip in clips)
        {
            var written = await File.ReadAllBytesAsync(_dir.File($"out/{clip.Name}.s16"));
            Assert.True(_source.AsSpan((int)(clip.Start * Channels * 2), (int)(clip.Count * Channels * 2)).SequenceEqual(written), clip.Name);
        }
        Assert.Equal(200, Directory.GetFiles(_dir.File("out")).Length);
    }

    [Fact]
    public async Task Times_without_a_header_give_numbered_wav_files_equal_to_single_segment_reads()
    {
        var list = _dir.File("times.csv");
        await File.WriteAllLinesAsync(list, ["1.5,0.25", "", "00:00:12.000,2"]);

        var run = await HarkAsync("segment", "noise", "--list", list, "-o", _dir.File("wavs"));

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Equal(["noise-00001.wav", "noise-00002.wav"], Directory.GetFiles(_dir.File("wavs")).Select(Path.GetFileName).Order());
        var single = await HarkAsync("segment", "noise", "--start", "12", "--duration", "2", "-o", _dir.File("single.wav"));
        Assert.True(single.ExitCode == 0, single.StandardError);
        Assert.Equal(await File.ReadAllBytesAsync(_dir.File("single.wav")), await File.ReadAllBytesAsync(_dir.File("wavs/noise-00002.wav")));
        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-show_entries", "stream=duration_ts", "-of", "csv=p=0", _dir.File("wavs/noise-00001.wav"));
        Assert.Equal((0.25 * Rate).ToString(CultureInfo.InvariantCulture), probe.Output.Trim());
    }

    [Theory]
    [InlineData("1,1\n19.5,1", "line 2: samples")] // past the end
    [InlineData("start,duration\n1,x", "line 2: duration")]
    [InlineData("start_sample,count,name\n0,10,a\n5,10,a", "line 3: the name 'a' is given twice")]
    [InlineData("start_sample,count,name\n0,10,../up", "line 2: the name '../up'")]
    [InlineData("begin,length\n0,1", "line 1: unknown column 'begin'")]
    [InlineData("# nothing", "no clips")]
    public async Task A_bad_list_is_refused_with_its_line_and_writes_nothing(string content, string message)
    {
        var list = _dir.File("bad.csv");
        await File.WriteAllTextAsync(list, content);

        var run = await HarkAsync("segment", "noise", "--list", list, "-o", _dir.File("none"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.StandardError);
        Assert.StartsWith("hark: ", run.StandardError);
        Assert.False(Directory.Exists(_dir.File("none")));
    }
}
