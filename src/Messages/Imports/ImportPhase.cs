namespace Hark.Messages;

/// <summary>Where an import stands, as carried on the wire (kept apart from the API's enum so either can grow).</summary>
public enum ImportPhase : byte
{
    Unknown = 0,
    Importing = 1,
    Complete = 2,
    Failed = 3,
}
