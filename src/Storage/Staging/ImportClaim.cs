namespace Hark.Storage.Staging;

/// <summary>The recording's id is held by this import: its token is the group's, its staging is <see cref="Staging"/>.</summary>
/// <param name="Resumed">True when the claim carried on an import already staged under the same token.</param>
public sealed record ImportClaim(StagingArea Staging, bool Resumed)
{
    public string Token => Staging.Token;
}
