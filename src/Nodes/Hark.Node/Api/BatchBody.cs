namespace Hark.Node.Api;

/// <summary>
/// Body of POST /batches (snake_case JSON): <c>sources</c>, each a file, a folder or a glob the serving node can
/// read inside its import roots; <c>options</c>: how each is imported, the fields of POST /recordings but path and id.
/// </summary>
public sealed record BatchBody
{
    public string? Id { get; init; }
    public IReadOnlyList<string>? Sources { get; init; }
    public int? Concurrency { get; init; }
    public ImportBody? Options { get; init; }

    public BatchRequest ToRequest()
    {
        if (Sources is not { Count: > 0 })
        {
            throw new ApiInputException("\"sources\" is required: files, folders or globs the node can read");
        }
        if (Sources.Count > BatchRequest.MaxSources)
        {
            throw new ApiInputException($"\"sources\" holds at most {BatchRequest.MaxSources} entries");
        }
        if (Concurrency is < 1 or > BatchRequest.MaxConcurrency)
        {
            throw new ApiInputException($"\"concurrency\" must be 1 to {BatchRequest.MaxConcurrency}");
        }
        if (Id is not null)
        {
            BatchId.Validate(Id);
        }
        return new BatchRequest
        {
            Id = Id,
            Sources = Sources,
            Concurrency = Concurrency ?? BatchRequest.DefaultConcurrency,
            Template = (Options ?? new ImportBody()).ToTemplate(),
        };
    }
}
