namespace Hark.Actors.Sharding;

/// <summary>Node roles: which shard regions and workers a node hosts.</summary>
public static class HarkRoles
{
    public const string Api = "api";
    /// <summary>Hosts recording entities (which stage sources) and import workers.</summary>
    public const string Importer = "importer";
    /// <summary>Hosts segment readers and their index caches.</summary>
    public const string Reader = "reader";

    public const string RecordingEntityName = "recording";
    public const string ReaderEntityName = "reader";
    public const string BatchEntityName = "batch";
}
