namespace Hark.Contracts;

/// <summary>No batch with this id in the archive.</summary>
public sealed class BatchNotFoundException(string id) : Exception($"batch {id} not found")
{
    public string Id { get; } = id;
}
