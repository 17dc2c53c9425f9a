using Hark.Actors.Contracts;
using Hark.Node.Security;
using Hark.Storage;
using Hark.Storage.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hark.Node.Api;

/// <summary>The recording routes: import, list, status, metadata, delete, info, verify. Errors are problem+json.</summary>
public static class RecordingEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/recordings").WithTags("recordings");

        group.MapPost("/", async (HttpRequest http, IRecordingService service, ImportRoots roots, UploadArea uploads, CancellationToken ct) =>
        {
            var body = await http.ReadFromJsonAsync<ImportBody>(ct) ?? throw new ApiInputException("the body must be a JSON object");
            if (body.Upload is { } upload)
            {
                if (body.Path is not null)
                {
                    throw new ApiInputException("give \"path\" or \"upload\", not both");
                }
                // An upload lives in the archive itself, where the import roots do not reach.
                body.ToTemplate();
                var named = await uploads.GetAsync(upload, ct);
                var fromUpload = (body with { Path = await uploads.SourceAsync(upload, ct) }).ToRequest() with
                {
                    Id = body.Id ?? RecordingId.FromName(named.Name),
                };
                RecordingId.Validate(fromUpload.Id);
                var started = await service.StartImportAsync(fromUpload, ct);
                return Results.Accepted($"/recordings/{Uri.EscapeDataString(started.Id)}", RecordingView.From(started, null));
            }
            var request = body.ToRequest();
            // The body's own fields first (400 whatever the path), then the path, before anything looks at the file:
            // a refusal says nothing about whether it exists.
            RecordingId.Validate(request.Id);
            var status = await service.StartImportAsync(request with { SourcePath = roots.Admit(request.SourcePath) }, ct);
            return Results.Accepted($"/recordings/{Uri.EscapeDataString(status.Id)}", RecordingView.From(status, null));
        })
            .WithName("StartImport")
            .RequireScope(ApiScope.Write)
            .WithSummary("Import a file inside the node's import roots; answers at once with the import's status (403 outside them).")
            .Accepts<ImportBody>("application/json")
            .Produces<RecordingView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", async (string? station, string? from, string? to, string? state, string? codec, string? text, string? offset,
            string? limit, HttpResponse response, IRecordingService service, CancellationToken ct) =>
        {
            var query = StationQueries.Parse(station, from, to);
            var filter = RecordingFilter.Parse(state, codec, text, offset, limit);
            var rows = new List<RecordingSummary>();
            var recordings = await service.ListAsync(ct);
            var (page, total) = filter.Apply(query is null ? recordings : query.Apply(recordings));
            response.Headers[RecordingFilter.TotalCountHeader] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var metadata in page)
            {
                // Only unfinished imports have progress worth a second question.
                var status = metadata.State == RecordingPhase.Complete ? null : await service.GetStatusAsync(metadata.Id, ct);
                rows.Add(RecordingSummary.From(metadata, status));
            }
            return Results.Ok(rows);
        })
            .WithName("ListRecordings")
            .RequireScope(ApiScope.Read)
            .WithSummary("Recordings, filtered (station, from, to, state, codec, text in id/station/source name) and paged (offset, limit ≤ 1000); X-Total-Count says how many matched.")
            .Produces<List<RecordingSummary>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{id}", async (string id, IRecordingService service, CancellationToken ct) =>
        {
            var status = await service.GetStatusAsync(id, ct);
            if (status.Phase == RecordingPhase.Unknown)
            {
                throw new RecordingNotFoundException(id);
            }
            var metadata = status.Phase == RecordingPhase.Complete ? await service.GetRecordingAsync(id, ct) : null;
            return Results.Ok(RecordingView.From(status, metadata));
        })
            .WithName("GetRecording")
            .RequireScope(ApiScope.Read)
            .WithSummary("Status (importing n/m chunks, complete, failed) and, once complete, the metadata.")
            .Produces<RecordingView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{id}", async (string id, IRecordingService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(id, ct);
            return Results.NoContent();
        })
            .WithName("DeleteRecording")
            .RequireScope(ApiScope.Write)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/metadata", async (string id, IRecordingService service, CancellationToken ct) =>
            Results.Ok(await service.GetRecordingAsync(id, ct)))
            .WithName("GetRecordingMetadata")
            .RequireScope(ApiScope.Read)
            .WithSummary("A complete recording's metadata; 404 (with its \"state\") while it is importing or failed.")
            .Produces<RecordingMetadata>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/info", async (string id, IRecordingService service, CancellationToken ct) =>
            Results.Ok(await service.GetInfoAsync(id, ct)))
            .WithName("GetRecordingInfo")
            .RequireScope(ApiScope.Read)
            .WithSummary("A complete recording's metadata with its index and audio sizes: what `hark info` prints, one flat object.")
            .Produces<RecordingInfo>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/overview", async (string id, IRecordingService service, CancellationToken ct) =>
            await service.GetOverviewAsync(id, ct) is { } overview ? Results.Ok(overview) : Results.NoContent())
            .WithName("GetRecordingOverview")
            .RequireScope(ApiScope.Read)
            .WithSummary("The waveform overview stored at import: per column of samples_per_column samples, the lowest and highest sample of any channel (16-bit scale); 204 when the import made none (copied packets).")
            .Produces<RecordingOverview>()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id}/verify", async (string id, IRecordingService service, CancellationToken ct) =>
            Results.Ok(await service.VerifyAsync(id, ct)))
            .WithName("VerifyRecording")
            .RequireScope(ApiScope.Write)
            .WithSummary("Checks every chunk's checksum and the index; 200 with \"valid\": false and the problems when damaged.")
            .Produces<VerificationReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
