using System.Globalization;

namespace Hark.Testing;

/// <summary>Makes test audio with ffmpeg (lavfi sources) instead of shipping files.</summary>
public static class AudioGenerator
{
    /// <summary>A stereo-or-more sine mix: a different frequency per channel so channel swaps show.</summary>
    public static string SineExpression(int channels, double seconds, int sampleRate)
    {
        var parts = Enumerable.Range(0, channels)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"0.4*sin(2*PI*{220 + 110 * c}*t)+0.1*sin(2*PI*{1000 + 370 * c}*t)"));
        return string.Create(CultureInfo.InvariantCulture, $"aevalsrc={string.Join('|', parts)}:s={sampleRate}:d={seconds}");
    }

    /// <summary>Encodes an ffmpeg lavfi source to a file with the given output arguments (codec, format...).</summary>
    public static async Task<string> GenerateAsync(string lavfiSource, string outputPath, params string[] outputArguments)
    {
        var arguments = new List<string> { "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", lavfiSource };
        arguments.AddRange(outputArguments);
        arguments.Add(outputPath);
        var result = await ProcessRunner.RunAsync("ffmpeg", arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg could not generate {outputPath}: {result.StandardError}");
        }
        return outputPath;
    }

    /// <summary>Speech from espeak-ng as a WAV file (22.05 kHz mono, espeak's native rate).</summary>
    public static async Task<string> SpeechAsync(string text, string outputPath)
    {
        var result = await ProcessRunner.RunAsync("espeak-ng", ["-w", outputPath, text]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"espeak-ng failed: {result.StandardError}");
        }
        return outputPath;
    }
}
