using System.Globalization;

namespace Hark.Bench.Segments;

/// <summary>The audio every contender reads: generated with ffmpeg (and espeak-ng when installed).</summary>
internal static class TestAudio
{
    public const int SampleRate = 44100;
    public const int Channels = 2;

    /// <summary>Chirps sweeping up and down, two slowly swelling tones and a noise bed, per channel.</summary>
    private const string Music =
        "aevalsrc=" +
        "0.12*sin(2*PI*(200*mod(t\\,4)+475*mod(t\\,4)*mod(t\\,4)))+0.1*(0.6+0.4*sin(2*PI*0.25*t))*sin(2*PI*440*t)+0.04*(random(0)-0.5)|" +
        "0.12*sin(2*PI*(3000*mod(t\\,3)-400*mod(t\\,3)*mod(t\\,3)))+0.1*(0.6+0.4*sin(2*PI*0.2*t))*sin(2*PI*659.25*t)+0.04*(random(1)-0.5)";

    private const string Speech =
        "Every recording is kept as raw frames next to a frame index, so any second of it can be read back at once. " +
        "The quick brown fox jumps over the lazy dog. One, two, three, four, five, six, seven, eight, nine, ten.";

    /// <summary>Writes <paramref name="seconds"/> of 16-bit stereo WAV; speech is looped in when espeak-ng is on the path.</summary>
    public static async Task<bool> WriteWavAsync(string path, int seconds, string workDirectory)
    {
        string duration = seconds.ToString(CultureInfo.InvariantCulture);
        string speech = Path.Combine(workDirectory, "speech.wav");
        bool withSpeech = await TryRunAsync("espeak-ng", "-w", speech, Speech);
        var arguments = new List<string> { "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", $"{Music}:s={SampleRate}:d={duration}" };
        if (withSpeech)
        {
            arguments.AddRange(["-stream_loop", "-1", "-i", speech, "-filter_complex",
                $"[1:a]aresample={SampleRate},pan=stereo|c0=0.5*c0|c1=0.35*c0[s];[0:a][s]amix=inputs=2:duration=first:normalize=0"]);
        }
        arguments.AddRange(["-c:a", "pcm_s16le", path]);
        await ProcessRun.RunAsync("ffmpeg", arguments);
        return withSpeech;
    }

    /// <summary>A long FLAC for the memory run: tones and a noise bed (cheap to generate at any length).</summary>
    public static async Task WriteLongFlacAsync(string path, double hours)
    {
        string seconds = (hours * 3600).ToString("F0", CultureInfo.InvariantCulture);
        await ProcessRun.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate={SampleRate}:duration={seconds}",
            "-f", "lavfi", "-i", $"anoisesrc=color=pink:amplitude=0.05:sample_rate={SampleRate}:duration={seconds}",
            "-filter_complex", "[0:a][1:a]amix=inputs=2:normalize=0,pan=stereo|c0=c0|c1=0.8*c0",
            "-c:a", "flac", "-compression_level", "0", path]);
    }

    private static async Task<bool> TryRunAsync(string program, params string[] arguments)
    {
        try
        {
            await ProcessRun.RunAsync(program, arguments);
            return true;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
    }
}
