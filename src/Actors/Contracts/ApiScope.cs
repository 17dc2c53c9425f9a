namespace Hark.Actors.Contracts;

/// <summary>What an API key lets its holder do: read the archive, or change it as well (a write key also reads).</summary>
public enum ApiScope
{
    Read,
    Write,
}
