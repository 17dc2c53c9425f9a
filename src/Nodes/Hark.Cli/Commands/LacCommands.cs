using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Hark.Codec.Lac;

namespace Hark.Cli.Commands;

/// <summary><c>hark lac encode|decode|verify|info</c>: the lossless codec on files (container in docs/lac-container.md).</summary>
internal static class LacCommands
{
    public const int InfoSchemaVersion = 1;

    public static Command Create()
    {
        var lac = new Command("lac", "Encode, decode, verify and inspect .lac (lossless) files.");
        lac.Subcommands.Add(CreateEncode());
        lac.Subcommands.Add(CreateDecode());
        lac.Subcommands.Add(CreateVerify());
        lac.Subcommands.Add(CreateInfo());
        return lac;
    }

    private static Command CreateEncode()
    {
        var input = new Argument<FileInfo>("IN") { Description = "An integer PCM WAV file (8/16/20/24-bit, any channel count)." };
        var output = new Argument<FileInfo>("OUT") { Description = "The .lac file to write." };
        var blockSize = new Option<int>("--block-size") { Description = "Samples per channel per block (1-65535).", DefaultValueFactory = _ => 4096 };
        var search = new Option<LacOrderSearch>("--search") { Description = "LPC order search: Estimated (default), Grid (the spec's), Exhaustive.", DefaultValueFactory = _ => LacOrderSearch.Estimated };
        var fast = new Option<bool>("--fast") { Description = "Encode faster for slightly larger files (one analysis window, the estimated order only)." };
        var jobs = JobsOption("encoding");
        var encode = new Command("encode", "Encode a WAV file losslessly as .lac.") { input, output, blockSize, search, fast, jobs };
        CliAction.Bind(encode, (parse, _) =>
        {
            var source = RequireFile(parse.GetValue(input)!);
            var target = parse.GetValue(output)!;
            int block = parse.GetValue(blockSize);
            if (block is < 1 or > 65535)
            {
                throw new UsageException($"--block-size must be 1-65535, not {block}");
            }
            int threads = Jobs(parse, jobs);
            var options = (parse.GetValue(fast) ? LacEncoderOptions.Fast : LacEncoderOptions.Default)
                with { BlockSize = block, OrderSearch = parse.GetValue(search) };
            var clock = Stopwatch.StartNew();
            LacFileHeader header;
            try
            {
                using var wav = new FileStream(source.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                using var lac = new FileStream(target.FullName, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
                header = LacWavConverter.Encode(wav, lac, options, threads);
            }
            catch
            {
                target.Refresh();
                if (target.Exists)
                {
                    target.Delete(); // never leave a half-written .lac behind
                }
                throw;
            }
            target.Refresh();
            double seconds = header.DurationSeconds;
            long pcm = (long)header.TotalSamples * header.Channels * ((header.BitsPerSample + 7) / 8);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{target.Name}: {header.TotalSamples} samples x {header.Channels} ch, {header.BitsPerSample}-bit, {header.SampleRate} Hz, " +
                $"{target.Length} bytes ({(pcm == 0 ? 0 : 100.0 * target.Length / pcm):F1} % of PCM), " +
                $"{(clock.Elapsed.TotalSeconds > 0 ? seconds / clock.Elapsed.TotalSeconds : 0):F0}x real time"));
            return Task.FromResult(ExitCodes.Ok);
        });
        return encode;
    }

    private static Command CreateDecode()
    {
        var input = new Argument<FileInfo>("IN") { Description = "A .lac file." };
        var output = new Argument<FileInfo>("OUT") { Description = "The WAV file to write." };
        var jobs = JobsOption("decoding");
        var decode = new Command("decode", "Decode a .lac file to WAV; damaged blocks become silence and the command fails.") { input, output, jobs };
        CliAction.Bind(decode, (parse, _) =>
        {
            var source = RequireFile(parse.GetValue(input)!);
            var target = parse.GetValue(output)!;
            LacFileReader reader;
            using (var lac = new FileStream(source.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            using (var wav = new FileStream(target.FullName, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                reader = LacWavConverter.Decode(lac, wav, jobs: Jobs(parse, jobs));
            }
            if (reader.DamageCount > 0)
            {
                var first = reader.Damage[0];
                throw new InvalidDataException(
                    $"{source.Name}: {reader.DamageCount} damaged stretch(es), {reader.SilencedSamples} samples replaced by silence in {target.Name}; first: {Describe(first)}");
            }
            Console.Out.WriteLine($"{target.Name}: {reader.SamplesRead} samples x {reader.Header.Channels} ch written");
            return Task.FromResult(ExitCodes.Ok);
        });
        return decode;
    }

    private static Command CreateVerify()
    {
        var input = new Argument<FileInfo>("IN") { Description = "A .lac file." };
        var verify = new Command("verify", "Decode every block and report; exit 1 with the rejection class on any damage.") { input };
        CliAction.Bind(verify, (parse, _) =>
        {
            var source = RequireFile(parse.GetValue(input)!);
            using var lac = new FileStream(source.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new LacFileReader(lac);
            var buffer = new int[reader.Header.BlockSize * reader.Header.Channels];
            var clock = Stopwatch.StartNew();
            while (reader.ReadBlock(buffer) > 0)
            {
            }
            var h = reader.Header;
            if (reader.DamageCount > 0)
            {
                var text = new StringBuilder();
                foreach (var damage in reader.Damage)
                {
                    text.AppendLine($"damaged: {Describe(damage)}");
                }
                Console.Out.Write(text);
                var first = reader.Damage[0];
                throw new InvalidDataException(
                    $"{source.Name}: FAILED, {reader.DamageCount} damaged stretch(es), {reader.SilencedSamples} of {reader.SamplesRead} samples lost; first: {Describe(first)}");
            }
            if (h.TotalSamplesKnown && (ulong)reader.SamplesRead != h.TotalSamples)
            {
                throw new InvalidDataException($"{source.Name}: FAILED, {reader.SamplesRead} samples decoded, the header says {h.TotalSamples}");
            }
            double seconds = (double)reader.SamplesRead / h.SampleRate;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{source.Name}: OK, {reader.BlocksDecoded} blocks, {reader.SamplesRead} samples x {h.Channels} ch, {h.BitsPerSample}-bit, {h.SampleRate} Hz, " +
                $"{seconds:F3} s, decoded at {(clock.Elapsed.TotalSeconds > 0 ? seconds / clock.Elapsed.TotalSeconds : 0):F0}x real time"));
            return Task.FromResult(ExitCodes.Ok);
        });
        return verify;
    }

    private static Command CreateInfo()
    {
        var input = new Argument<FileInfo>("IN") { Description = "A .lac file." };
        var json = new Option<bool>("--json") { Description = "Print JSON (snake_case; schema in docs/lac-container.md)." };
        var info = new Command("info", "Show a .lac file's format, blocks, compression and coding choices.") { input, json };
        CliAction.Bind(info, (parse, _) =>
        {
            var source = RequireFile(parse.GetValue(input)!);
            LacFileSummary summary;
            using (var lac = new FileStream(source.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            {
                summary = LacFileSummary.Inspect(lac);
            }
            Console.Out.Write(parse.GetValue(json) ? ToJson(source.Name, summary) : ToText(source.Name, summary));
            return Task.FromResult(ExitCodes.Ok);
        });
        return info;
    }

    private static Option<int> JobsOption(string work) => new("--jobs")
    {
        Description = $"Threads {work} blocks at once (default: the cores); the output is the same for any number.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    private static int Jobs(ParseResult parse, Option<int> option)
    {
        int jobs = parse.GetValue(option);
        return jobs >= 1 ? jobs : throw new UsageException($"--jobs must be at least 1, not {jobs}");
    }

    private static FileInfo RequireFile(FileInfo file) =>
        file.Exists ? file : throw new FileNotFoundException($"{file.Name}: no such file");

    private static string Describe(LacDamage d) =>
        $"block {d.BlockIndex} at sample {d.SamplePosition}: {d.Reason}" +
        (d.Rejection != LacRejection.None ? $" [rejection class {(int)d.Rejection} {d.Rejection}]" : "") +
        $", {d.SilencedSamples} samples silenced";

    private static readonly string[] ModeNames = ["independent", "left_side", "right_side", "mid_side"];

    private static string ToText(string name, LacFileSummary s)
    {
        var h = s.Header;
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"file:             {name}");
        text.AppendLine(inv, $"version:          {h.Version}");
        text.AppendLine(inv, $"format:           {h.SampleRate} Hz, {h.Channels} ch, {h.BitsPerSample}-bit");
        text.AppendLine(inv, $"total samples:    {(h.TotalSamplesKnown ? h.TotalSamples.ToString(inv) : "unknown")} ({h.DurationSeconds:F3} s)");
        text.AppendLine(inv, $"block size:       {h.BlockSize}");
        text.AppendLine(inv, $"blocks:           {s.Blocks} ({s.DamagedBlocks} damaged, {s.SkippedBytes} bytes skipped)");
        text.AppendLine(inv, $"size:             {s.FileBytes} bytes, {100 * s.CompressionRatio:F2} % of {s.PcmBytes} PCM bytes");
        text.AppendLine(inv, $"stereo modes:     {string.Join(", ", ModeNames.Select((m, i) => $"{m} {s.StereoModes[i]}"))}");
        text.AppendLine(inv, $"prediction order: mean {s.MeanPredictionOrder:F1} over {s.Frames} frames");
        return text.ToString();
    }

    private static string ToJson(string name, LacFileSummary s)
    {
        var h = s.Header;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schema_version", InfoSchemaVersion);
            json.WriteString("file", name);
            json.WriteNumber("version", h.Version);
            json.WriteNumber("sample_rate", h.SampleRate);
            json.WriteNumber("channels", h.Channels);
            json.WriteNumber("bits_per_sample", h.BitsPerSample);
            if (h.TotalSamplesKnown)
            {
                json.WriteNumber("total_samples", h.TotalSamples);
                json.WriteNumber("duration_seconds", Math.Round(h.DurationSeconds, 6));
            }
            else
            {
                json.WriteNull("total_samples");
                json.WriteNull("duration_seconds");
            }
            json.WriteNumber("block_size", h.BlockSize);
            json.WriteNumber("blocks", s.Blocks);
            json.WriteNumber("damaged_blocks", s.DamagedBlocks);
            json.WriteNumber("skipped_bytes", s.SkippedBytes);
            json.WriteNumber("file_bytes", s.FileBytes);
            json.WriteNumber("pcm_bytes", s.PcmBytes);
            json.WriteNumber("compression_ratio", Math.Round(s.CompressionRatio, 6));
            json.WriteStartObject("stereo_modes");
            for (int i = 0; i < ModeNames.Length; i++)
            {
                json.WriteNumber(ModeNames[i], s.StereoModes[i]);
            }
            json.WriteEndObject();
            json.WriteNumber("frames", s.Frames);
            json.WriteNumber("mean_prediction_order", Math.Round(s.MeanPredictionOrder, 3));
            json.WriteStartArray("prediction_order_histogram");
            foreach (var count in s.PredictionOrders)
            {
                json.WriteNumberValue(count);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }
}
