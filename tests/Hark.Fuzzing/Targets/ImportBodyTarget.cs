using System.Text;
using System.Text.Json;
using Hark.Node;
using Hark.Node.Api;

namespace Hark.Fuzzing.Targets;

/// <summary>
/// The body of POST /recordings: JSON read with the API's options, then <see cref="ImportBody.ToRequest"/>.
/// Documented errors: <see cref="JsonException"/> (400 "Malformed JSON") and <see cref="ApiInputException"/> (400).
/// </summary>
public static class ImportBodyTarget
{
    public const string Name = "import-body";

    private static readonly JsonSerializerOptions Options = ApiOptions();

    public static FuzzTarget Create() => new(Name, 0x504F_5354, Corpus(), Parse, [typeof(JsonException), typeof(ApiInputException)],
        AllocationBound: 256 << 10);

    private static void Parse(byte[] input)
    {
        var body = JsonSerializer.Deserialize<ImportBody>(input, Options) ?? throw new ApiInputException("the body must be a JSON object");
        body.ToRequest();
    }

    /// <summary>What ASP.NET's ReadFromJsonAsync uses on the node: web defaults plus the node's one JSON style.</summary>
    private static JsonSerializerOptions ApiOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        NodeHost.ConfigureJson(options);
        return options;
    }

    private static List<byte[]> Corpus() => new[]
    {
        """{"path": "/data/night.wav", "id": "night", "codec": "lac", "chunk_seconds": 600, "replace": true}""",
        """{"path": "/data/dawn chorus.flac", "bitrate": "160k", "start_time": "2026-05-01T04:30:00Z", "quantize_float": false}""",
        """{"path": "/data/x.mp3", "bitrate": 96000, "codec": "aac"}""",
        """{"path": "rec/", "bitrate": null, "chunk_seconds": 1}""",
    }.Select(Encoding.UTF8.GetBytes).ToList();
}
