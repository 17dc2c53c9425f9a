using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Concentus;
using Concentus.Enums;
using Hark.Media.Opus;

// Opus encode speed on the same PCM, one thread each: Hark's libopus binding (what `hark import --codec opus` runs per
// chunk), Concentus (the managed port, native use switched off), and the ffmpeg CLI's libopus encoder (a process over
// a WAV, decode and muxing included). Same settings: 48 kHz, 20 ms, complexity 10, VBR, DTX off.
//   dotnet run -c Release --project bench/Opus -- [seconds=120] [channels=2] [rounds=3]
int seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 120;
int channels = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
int rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
int bitRate = OpusFormat.DefaultBitRate(channels);
const int Frame = OpusFormat.SamplesPerPacket;

string dir = Path.Combine(Path.GetTempPath(), $"hark-bench-opus-{Guid.NewGuid():N}");
Directory.CreateDirectory(dir);
try
{
    string wav = Path.Combine(dir, "source.wav");
    // Tones, a chirp and a pink-noise bed: stands in for field recordings (no speech model is needed to time an encoder).
    string layout = channels == 1 ? "mono" : "stereo";
    await Run("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
        $"aevalsrc=0.2*sin(2*PI*(300+40*t)*t)+0.1*sin(2*PI*1870*t):s=48000:d={seconds}", "-f", "lavfi", "-i",
        $"anoisesrc=color=pink:amplitude=0.05:sample_rate=48000:duration={seconds}:seed=4",
        "-filter_complex", $"amix=inputs=2:normalize=0,aformat=channel_layouts={layout}", "-c:a", "pcm_s16le", wav);
    var pcm = MemoryMarshal.Cast<byte, float>((await Run("ffmpeg", "-nostdin", "-v", "error", "-i", wav, "-f", "f32le", "-")).ToArray()).ToArray();
    int packets = pcm.Length / channels / Frame;
    Console.Error.WriteLine($"{seconds} s, {channels} ch, {bitRate / 1000}k, {packets} packets, {rounds} rounds");

    var libopus = new List<double>();
    var concentus = new List<double>();
    var ffmpeg = new List<double>();
    var decode = new List<double>();
    var stored = new List<byte[]>();
    long libopusBytes = 0, concentusBytes = 0;
    var packet = new byte[OpusFormat.MaxPacketBytesFor(channels)];
    for (int round = 0; round < rounds; round++)
    {
        // Taking turns: a change in the machine's load hits all three alike.
        var watch = Stopwatch.StartNew();
        using (var encoder = new OpusEncoder(channels, bitRate))
        {
            libopusBytes = 0;
            for (int p = 0; p < packets; p++)
            {
                int length = encoder.Encode(pcm.AsSpan(p * Frame * channels, Frame * channels), packet);
                libopusBytes += length;
                if (round == 0)
                {
                    stored.Add(packet.AsSpan(0, length).ToArray());
                }
            }
        }
        libopus.Add(watch.Elapsed.TotalSeconds);

        // What a segment read spends its time on: one decoder over the packets, as the sequential decode.
        watch.Restart();
        using (var decoder = new OpusDecoder(channels))
        {
            var output = new float[OpusDecoder.MaxSamplesPerPacket * channels];
            foreach (var p in stored)
            {
                decoder.Decode(p, output);
            }
        }
        decode.Add(watch.Elapsed.TotalSeconds);

        watch.Restart();
        OpusCodecFactory.AttemptToUseNativeLibrary = false;
        var managed = OpusCodecFactory.CreateEncoder(48000, channels, OpusApplication.OPUS_APPLICATION_AUDIO);
        if (round == 0)
        {
            Console.Error.WriteLine($"Concentus encoder: {managed.GetType().FullName}");
        }
        managed.Bitrate = bitRate;
        managed.Complexity = 10;
        managed.UseVBR = true;
        managed.UseDTX = false;
        concentusBytes = 0;
        for (int p = 0; p < packets; p++)
        {
            concentusBytes += managed.Encode(pcm.AsSpan(p * Frame * channels, Frame * channels), Frame, packet, packet.Length);
        }
        concentus.Add(watch.Elapsed.TotalSeconds);
        if (managed is IDisposable disposable)
        {
            disposable.Dispose();
        }

        var process = Stopwatch.StartNew();
        await Run("ffmpeg", "-nostdin", "-v", "error", "-y", "-threads", "1", "-i", wav, "-c:a", "libopus", "-b:a", $"{bitRate / 1000}k",
            "-compression_level", "10", "-frame_duration", "20", "-vbr", "on", Path.Combine(dir, "out.ogg"));
        ffmpeg.Add(process.Elapsed.TotalSeconds);
    }

    double best(List<double> l) => l.Min();
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {OpusEncoder.LibraryVersion}, Concentus 2.2.2");
    Console.WriteLine($"{seconds} s of 48 kHz {layout} at {bitRate / 1000}k, best of {rounds} (all: see stderr)");
    Console.WriteLine();
    Console.WriteLine("| encoder | seconds | x real time | vs Hark libopus | kbit/s written |");
    Console.WriteLine("|---|---|---|---|---|");
    Row("Hark libopus binding, in process", best(libopus), libopusBytes);
    Row("Concentus 2.2.2 (managed), in process", best(concentus), concentusBytes);
    Row("`ffmpeg -c:a libopus` process over the WAV", best(ffmpeg), new FileInfo(Path.Combine(dir, "out.ogg")).Length);
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"libopus decode of the same packets, one decoder: {best(decode):F2} s, {seconds / best(decode):F0}x real time, {best(decode) / packets * 1e6:F1} us per packet"));
    Console.Error.WriteLine($"libopus {string.Join(" ", libopus.Select(F))}; concentus {string.Join(" ", concentus.Select(F))}; ffmpeg {string.Join(" ", ffmpeg.Select(F))}");

    void Row(string name, double s, long bytes) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {s:F2} | {seconds / s:F0}x | {s / best(libopus):F2}x | {bytes * 8.0 / seconds / 1000:F1} |"));
}
finally
{
    Directory.Delete(dir, recursive: true);
}

static string F(double s) => s.ToString("F2", CultureInfo.InvariantCulture);

static async Task<MemoryStream> Run(string program, params string[] arguments)
{
    var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in arguments)
    {
        start.ArgumentList.Add(a);
    }
    using var process = Process.Start(start)!;
    var output = new MemoryStream();
    var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
    string error = await process.StandardError.ReadToEndAsync();
    await copy;
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{program} failed: {error}");
    }
    return output;
}
