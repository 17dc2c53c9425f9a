using System.Globalization;
using System.Reflection;
using Hark.Codec.Mp4;
using Hark.Storage;

namespace Hark.Engine.Export;

/// <summary>
/// The metadata an M4A export carries: the title is the recording id, the encoding tool Hark and its version, the
/// date the recording's start; the rest (id, start time, station, Hark version, source name and SHA-256) under Hark's
/// own freeform namespace, for whoever traces a file back. Unknown values are left out, not written empty.
/// </summary>
public static class M4aTags
{
    public const string Namespace = "org.hark";

    public static string HarkVersion { get; } =
        typeof(M4aTags).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static IReadOnlyList<ItunesTag> For(RecordingMetadata metadata)
    {
        var tags = new List<ItunesTag>
        {
            ItunesTag.Atom("©nam", metadata.Id),
            ItunesTag.Atom("©too", $"Hark {HarkVersion}"),
        };
        string? startTime = (metadata.StartTime is { } start ? UtcText.Of(start) : null);
        if (startTime is not null)
        {
            tags.Add(ItunesTag.Atom("©day", startTime));
        }
        tags.Add(ItunesTag.Freeform(Namespace, "recording_id", metadata.Id));
        // ©day is a release date to most players; the start time is also kept under its own name, with the station.
        AddIfKnown(tags, "start_time", startTime);
        AddIfKnown(tags, "station", metadata.Station);
        tags.Add(ItunesTag.Freeform(Namespace, "hark_version", HarkVersion));
        AddIfKnown(tags, "source_name", metadata.SourceName);
        AddIfKnown(tags, "source_sha256", metadata.SourceSha256);
        return tags;
    }

    private static void AddIfKnown(List<ItunesTag> tags, string name, string? value)
    {
        if (value is not null)
        {
            tags.Add(ItunesTag.Freeform(Namespace, name, value));
        }
    }
}
