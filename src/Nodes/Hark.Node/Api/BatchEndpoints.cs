using Hark.Actors.Contracts;
using Hark.Engine.Batches;
using Hark.Node.Security;
using Hark.Storage.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hark.Node.Api;

/// <summary>POST /batches and GET /batches/{id}: many imports at once across the cluster (docs/batches.md).</summary>
public static class BatchEndpoints
{
    private static bool Remote(string entry) => Hark.Engine.Import.Sources.RemoteSource.IsRemote(entry);

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/batches").WithTags("batches");

        group.MapPost("/", async (HttpRequest http, IRecordingService service, ImportRoots roots, UploadArea uploads, CancellationToken ct) =>
        {
            var body = await http.ReadFromJsonAsync<BatchBody>(ct) ?? throw new ApiInputException("the body must be a JSON object");
            var request = body.ToRequest();
            // Every file the batch would read, after folders and globs are expanded, must lie inside the roots (a
            // link in an admitted folder may point anywhere); the batch then reads the files' real paths. Uploads
            // ("upload:ID") live in the archive, outside the roots' reach.
            var paths = request.Sources.Where(e => !Remote(e)).ToList();
            foreach (var entry in paths)
            {
                roots.Admit(entry.IndexOfAny(['*', '?']) >= 0 ? Path.GetDirectoryName(Path.GetFullPath(entry))! : entry);
            }
            var files = paths.Count == 0 ? [] : BatchSources.Expand(paths).Select(item => roots.Admit(item.Source)).ToList();
            foreach (var entry in request.Sources.Where(Remote))
            {
                // A blob (or a folder or glob of blobs) inside the import containers; an upload, which is in the archive.
                files.Add(UploadArea.NamesUpload(entry)
                    ? await uploads.SourceAsync(UploadArea.IdOf(entry), ct)
                    : roots.Admit(entry));
            }
            var batch = await service.StartBatchAsync(request with { Sources = files }, ct);
            return Results.Accepted($"/batches/{Uri.EscapeDataString(batch.Id)}", batch);
        })
            .WithName("StartBatch")
            .RequireScope(ApiScope.Write)
            .WithSummary("Import many sources (files, folders, globs inside the import roots), concurrently across the cluster.")
            .Accepts<BatchBody>("application/json")
            .Produces<BatchStatus>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/{id}", async (string id, IRecordingService service, CancellationToken ct) => Results.Ok(await service.GetBatchAsync(id, ct)))
            .WithName("GetBatch")
            .RequireScope(ApiScope.Read)
            .WithSummary("A batch and the state of each of its sources.")
            .Produces<BatchStatus>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
