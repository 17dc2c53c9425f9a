using System.Globalization;
using System.Text.Json;
using Hark.Engine.Import;

namespace Hark.Node.Api;

/// <summary>
/// Body of POST /recordings (snake_case JSON). <c>path</c> is a file the serving node can read; the other fields
/// default as in <c>hark import</c>. <c>bitrate</c> is bits per second or a string like "160k".
/// </summary>
public sealed record ImportBody
{
    public string? Path { get; init; }
    /// <summary>Instead of a path: a finished upload's id (POST /uploads), imported from the archive's own store.</summary>
    public string? Upload { get; init; }
    public string? Id { get; init; }
    public string? Codec { get; init; }
    public int? Stream { get; init; }
    public string? Station { get; init; }
    /// <summary>How the file names give start time and station (Contracts' FileNamePattern).</summary>
    public string? NamePattern { get; init; }
    public JsonElement? Bitrate { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public int? ChunkSeconds { get; init; }
    public bool? Replace { get; init; }
    public bool? QuantizeFloat { get; init; }

    /// <summary>More audio streams than any real source has.</summary>
    private const int MaxStream = 1023;

    /// <summary>Far above any codec's rate (AAC tops out near 512 kbit/s a channel): beyond it a value is a typo or an attack.</summary>
    private const int MaxBitrate = 10_000_000;

    public ImportRequest ToRequest()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new ApiInputException("\"path\" is required: a file the node can read");
        }
        return ToTemplate() with { Id = Id ?? RecordingId.FromName(Path.TrimEnd('/')), SourcePath = Path };
    }

    /// <summary>Every field but the path and id, checked: how each source of a batch is imported.</summary>
    public ImportRequest ToTemplate()
    {
        ImportCodec? codec = ImportCodec.Auto;
        if (Codec is not null && !ImportCodec.TryParse(Codec, out codec))
        {
            throw new ApiInputException($"\"codec\" must be one of {ImportCodec.NameList}, not \"{Codec}\"");
        }
        if (Stream is < 0 or > MaxStream)
        {
            throw new ApiInputException($"\"stream\" must be 0 to {MaxStream} (the audio streams of the source, counted from 0)");
        }
        if (Station is not null && !StationName.IsValid(Station))
        {
            throw new ApiInputException($"\"station\" {StationName.Rule}");
        }
        if (NamePattern is not null)
        {
            try
            {
                FileNamePattern.Parse(NamePattern);
            }
            catch (ArgumentException e)
            {
                throw new ApiInputException($"\"name_pattern\": {e.Message}");
            }
        }
        if (ChunkSeconds is <= 0)
        {
            throw new ApiInputException("\"chunk_seconds\" must be positive");
        }
        return new ImportRequest
        {
            Id = "batch",
            SourcePath = "",
            Codec = codec.Value,
            Stream = Stream ?? 0,
            Station = Station,
            NamePattern = NamePattern,
            BitRate = ParseBitrate(Bitrate),
            StartTime = StartTime,
            ChunkSeconds = ChunkSeconds ?? 120,
            Replace = Replace ?? false,
            QuantizeFloat = QuantizeFloat ?? false,
        };
    }

    private static int? ParseBitrate(JsonElement? value)
    {
        if (value is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out int bits) && bits is > 0 and <= MaxBitrate)
        {
            return bits;
        }
        if (element.ValueKind == JsonValueKind.String)
        {
            var text = element.GetString()!.Trim().ToLowerInvariant();
            int scale = text.EndsWith('k') ? 1000 : 1;
            if (int.TryParse(text.TrimEnd('k'), NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number > 0
                && (long)number * scale <= MaxBitrate)
            {
                return number * scale;
            }
        }
        throw new ApiInputException($"\"bitrate\" must be bits per second (at most {MaxBitrate}) or like \"160k\", not {element.GetRawText()}");
    }
}
