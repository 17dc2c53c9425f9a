namespace Hark.Actors.Contracts;

/// <summary>One key a node accepts (HARK_API_KEYS), and what it may do.</summary>
public sealed record ApiKey(ApiScope Scope, string Secret)
{
    /// <summary>Never the secret: options are records, and a record prints every member wherever it is logged.</summary>
    public override string ToString() => $"{Scope.ToString().ToLowerInvariant()} key";
}
