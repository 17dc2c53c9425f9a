using Hark.Testing;

namespace Hark.Engine.Tests.Passthrough;

/// <summary>
/// One AAC-LC encode (ffmpeg, PNS off, 48 kHz stereo, odd length) in the containers passthrough reads: MP4 with
/// an edit list, MOV, Matroska, raw ADTS; plus a file with two audio streams and a Main-profile encode.
/// </summary>
public sealed class PassthroughSources : IAsyncLifetime
{
    public const int SampleRate = 48000;
    public const double Seconds = 41.3721;

    private const string Music =
        "aevalsrc=0.3*sin(2*PI*(200+60*t)*t)+0.04*(random(0)-0.5)|0.25*sin(2*PI*330*t)*(0.6+0.4*sin(2*PI*0.7*t))+0.04*(random(1)-0.5):s=48000:d=41.3721";

    public TempDirectory Directory { get; } = new("hark-passthrough");
    public string M4a { get; private set; } = "";
    public string Mov { get; private set; } = "";
    public string Mkv { get; private set; } = "";
    public string Adts { get; private set; } = "";
    public string TwoStreams { get; private set; } = "";
    public string MainProfile { get; private set; } = "";
    /// <summary>The MP4's packets without an edit list, priming and length in an iTunSMPB tag instead (Apple's way).</summary>
    public string Gapless { get; private set; } = "";
    /// <summary>ffmpeg's default AAC encode (perceptual noise substitution on) of noisy material.</summary>
    public string WithPns { get; private set; } = "";

    /// <summary>The samples the MP4 edit list says the stream holds: ffprobe's duration_ts.</summary>
    public long ExactSamples { get; private set; }

    public async Task InitializeAsync()
    {
        M4a = await AudioGenerator.GenerateAsync(Music, Directory.File("music.m4a"), "-c:a", "aac", "-aac_pns", "0", "-b:a", "160k");
        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=duration_ts",
            "-of", "csv=p=0", M4a);
        ExactSamples = long.Parse(probe.Output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(ExactSamples, (long)(Seconds * SampleRate) - 1024, (long)(Seconds * SampleRate) + 1);
        Mov = await CopyAsync(M4a, "music.mov");
        Mkv = await CopyAsync(M4a, "music.mkv");
        Adts = await CopyAsync(M4a, "music.aac");
        Gapless = Directory.File("gapless.m4a");
        await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", M4a, "-c", "copy", "-use_editlist", "0",
            "-movflags", "use_metadata_tags", "-metadata", $"iTunSMPB= 00000000 00000400 000001C0 {ExactSamples:X16}", Gapless);
        WithPns = await AudioGenerator.GenerateAsync("anoisesrc=d=20:c=pink:r=44100:a=0.3,highpass=f=300", Directory.File("pns.m4a"), "-c:a", "aac", "-b:a", "96k");
        TwoStreams = Directory.File("two.mkv");
        await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", "sine=f=300:d=12:r=48000", "-f", "lavfi", "-i", "sine=f=1700:d=9:r=48000",
            "-map", "0:a", "-map", "1:a", "-c:a", "aac", "-aac_pns", "0", "-b:a", "96k", TwoStreams);
        MainProfile = await AudioGenerator.GenerateAsync("sine=f=500:d=5:r=44100", Directory.File("main.m4a"), "-c:a", "aac", "-profile:a", "aac_main");
    }

    private async Task<string> CopyAsync(string source, string name)
    {
        var path = Directory.File(name);
        await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", source, "-c", "copy", path);
        return path;
    }

    public Task DisposeAsync()
    {
        Directory.Dispose();
        return Task.CompletedTask;
    }
}
