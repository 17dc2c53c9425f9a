using System.CommandLine;
using System.Globalization;
using Hark.Actors.Sharding;
using Hark.Cli.Backend;
using Hark.Engine.Archival;

namespace Hark.Cli.Commands;

/// <summary>
/// <c>hark archive tiff|verify|extract|reconstruct</c>: long-term archives of TIFF files, each a chunk's mel
/// spectrogram preview and its FLAC, with a manifest of hashes (docs/tiff-archive.md).
/// </summary>
internal static class TiffArchiveCommands
{
    public static Command Create() => new("archive", "Long-term archives in TIFF + FLAC: any image tool shows the preview, any FLAC tool plays the audio.")
    {
        Tiff(), Verify(), Extract(), Reconstruct(), Preview(),
    };

    private static Command Tiff()
    {
        var sources = new Argument<string[]>("SOURCE") { Description = "Audio files to archive (WAV/RF64 read in place; others decoded by ffmpeg).", Arity = ArgumentArity.ZeroOrMore };
        var recordings = new Option<string[]>("--recording") { Description = "Archive a stored recording (repeatable): LAC exactly, AAC/Opus decoded.", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string>("--out") { Description = "The archive directory (TIFFs and manifest.json).", DefaultValueFactory = _ => "tiff-archive" };
        var chunkHours = new Option<double>("--chunk-hours") { Description = "Hours of audio per TIFF.", DefaultValueFactory = _ => TiffArchiveOptions.DefaultChunkHours };
        var jobs = new Option<int>("--jobs") { Description = "Chunks archived at once (default: the cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var resume = new Option<bool>("--resume") { Description = "Finish an interrupted archive: whole TIFFs are kept, the rest written again." };
        var level = new Option<int>("--compression-level") { Description = "FLAC compression level, 0 (fastest) to 8 (smallest).", DefaultValueFactory = _ => 5 };
        var sign = new Option<string?>("--sign") { Description = "Sign manifest.json with this ECDSA P-256 private key (PEM)." };
        var previewMax = new Option<double?>("--preview-max-hz") { Description = "The preview's top frequency (default: the source's Nyquist)." };
        var bigTiff = new Option<long?>("--bigtiff-threshold") { Description = "Write BigTIFF when a file may pass this many bytes (default 4 GiB)." };
        var command = new Command("tiff", "Cut sources into chunks; write each as a TIFF of its mel preview (page 1) and its FLAC (page 2), and DIR/manifest.json.")
        {
            sources, recordings, output, chunkHours, jobs, resume, level, sign, previewMax, bigTiff, NodeOption.Option, NodeOption.ApiKey,
        };
        CliAction.Bind(command, async (parse, ct) =>
        {
            var files = parse.GetValue(sources) ?? [];
            var ids = parse.GetValue(recordings) ?? [];
            if (files.Length == 0 && ids.Length == 0)
            {
                throw new UsageException("name the files to archive, or --recording ID");
            }
            double hours = parse.GetValue(chunkHours);
            if (!(hours > 0) || double.IsInfinity(hours))
            {
                throw new UsageException($"--chunk-hours {hours.ToString(CultureInfo.InvariantCulture)} must be positive");
            }
            if (parse.GetValue(jobs) < 1)
            {
                throw new UsageException("--jobs must be at least 1");
            }
            if (parse.GetValue(level) is < 0 or > 8)
            {
                throw new UsageException("--compression-level must be 0 to 8");
            }
            var options = new TiffArchiveOptions
            {
                OutputDirectory = Path.GetFullPath(parse.GetValue(output)!),
                ChunkSeconds = hours * 3600,
                Jobs = parse.GetValue(jobs),
                Resume = parse.GetValue(resume),
                CompressionLevel = parse.GetValue(level),
                SigningKeyPath = parse.GetValue(sign),
                PreviewMaxHertz = parse.GetValue(previewMax),
                BigTiffThresholdBytes = parse.GetValue(bigTiff) ?? uint.MaxValue,
            };
            var opened = new List<ArchiveSource>();
            foreach (var file in files)
            {
                opened.Add(await ArchiveSources.OpenFileAsync(file, ct));
            }
            await using var backend = ids.Length > 0
                ? await RecordingBackend.OpenAsync(parse, [HarkRoles.Reader], 0, ct)
                : null;
            foreach (var id in ids)
            {
                opened.Add(await RecordingArchiveSource.OpenAsync(backend!.Recordings, id, ct));
            }
            var archiver = new TiffArchiver(options);
            archiver.ChunkDone += (source, chunk, kept) =>
                Console.Out.WriteLine($"{source} chunk_{chunk:D6}: {(kept ? "kept" : "written")}");
            var manifest = await archiver.RunAsync(opened, ct);
            int chunks = manifest.Files.Sum(f => f.Chunks.Count);
            Console.Out.WriteLine($"archived {manifest.Files.Count} source(s) in {chunks} TIFF(s): {Path.Combine(options.OutputDirectory, ArchiveManifest.FileName)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Verify()
    {
        var directory = new Argument<string>("DIR") { Description = "The archive directory." };
        var key = new Option<string?>("--key") { Description = "Check manifest.json.sig with this ECDSA P-256 public key (PEM)." };
        var command = new Command("verify", "Check every embedded FLAC against the manifest's SHA-256 and decode it with its MD5 check; exit 1 on any mismatch.")
        {
            directory, key,
        };
        CliAction.Bind(command, async (parse, ct) =>
        {
            int chunks = 0;
            var problems = await ArchiveVerifier.VerifyAsync(parse.GetValue(directory)!, parse.GetValue(key), (_, _) => chunks++, ct);
            foreach (var problem in problems)
            {
                Console.Error.WriteLine($"hark: {problem}");
            }
            if (problems.Count > 0)
            {
                return ExitCodes.Failure;
            }
            Console.Out.WriteLine($"ok: {chunks} chunk(s) verified{(parse.GetValue(key) is null ? "" : ", manifest signature valid")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Extract()
    {
        var directory = new Argument<string>("DIR") { Description = "The archive directory." };
        var output = new Option<string>("--out-flac") { Description = "Directory for the FLAC files.", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Keep FLAC files already extracted whose hash is right." };
        var command = new Command("extract", "Copy every embedded FLAC out as a .flac file, checked against the manifest.") { directory, output, resume };
        CliAction.Bind(command, async (parse, ct) =>
        {
            var problems = await ArchiveExtractor.ExtractAsync(parse.GetValue(directory)!, parse.GetValue(output)!, parse.GetValue(resume),
                path => Console.Out.WriteLine(path), ct);
            foreach (var problem in problems)
            {
                Console.Error.WriteLine($"hark: {problem}");
            }
            return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    private static Command Preview()
    {
        var source = new Argument<string>("SOURCE") { Description = "An audio file." };
        var output = new Option<string>("--output", "-o") { Description = "The PNG to write.", Required = true };
        var width = new Option<int>("--width") { Description = "Columns (time).", DefaultValueFactory = _ => ChunkPreview.DefaultWidth };
        var height = new Option<int>("--height") { Description = "Mel bands (frequency).", DefaultValueFactory = _ => ChunkPreview.DefaultHeight };
        var maxHz = new Option<double?>("--max-hz") { Description = "The top frequency (default: the source's Nyquist)." };
        var command = new Command("preview", "Draw a file's mel spectrogram as a PNG, as archive tiff draws each chunk's first page.") { source, output, width, height, maxHz };
        CliAction.Bind(command, async (parse, ct) =>
        {
            if (parse.GetValue(width) is < 1 or > 65535 || parse.GetValue(height) is < 1 or > 4096)
            {
                throw new UsageException("--width must be 1 to 65535 and --height 1 to 4096");
            }
            var file = await ArchiveSources.OpenFileAsync(parse.GetValue(source)!, ct);
            var image = await ChunkPreview.DrawAsync(file, 0, file.TotalFrames, parse.GetValue(width), parse.GetValue(height), parse.GetValue(maxHz), ct);
            await using var png = File.Create(parse.GetValue(output)!);
            image.WritePng(png);
            Console.Out.WriteLine($"{parse.GetValue(output)}: {image.Width}x{image.Height}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Reconstruct()
    {
        var directory = new Argument<string>("DIR") { Description = "The archive directory." };
        var source = new Option<string?>("--source") { Description = "Which source (its name or file); needed when the archive holds several." };
        var output = new Option<string>("--output", "-o") { Description = "The WAV to write (RF64 past 4 GiB).", Required = true };
        var command = new Command("reconstruct", "Decode a source's chunks in order into one WAV with the archived samples, bit for bit.") { directory, source, output };
        CliAction.Bind(command, async (parse, ct) =>
        {
            var file = await ArchiveReconstructor.ReconstructAsync(parse.GetValue(directory)!, parse.GetValue(source), parse.GetValue(output)!, ct);
            Console.Out.WriteLine($"{file.SourceName}: {file.TotalSamples} samples in {file.Chunks.Count} chunk(s) -> {parse.GetValue(output)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
