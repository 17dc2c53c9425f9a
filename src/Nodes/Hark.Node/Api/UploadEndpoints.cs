using System.Globalization;
using Hark.Actors.Contracts;
using Hark.Node.Security;
using Hark.Storage.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Hark.Node.Api;

/// <summary>
/// Resumable uploads into the archive (docs/batches.md), after the tus protocol's core: <c>POST /uploads</c> with the
/// file's name, size and SHA-256; <c>PATCH /uploads/{id}</c> with <c>Upload-Offset</c> and a part of the bytes;
/// <c>HEAD</c> or <c>GET /uploads/{id}</c> for the offset reached; <c>DELETE</c>. A finished upload is imported
/// with <c>POST /recordings {"upload": ID}</c> or as <c>upload:ID</c> in a batch.
/// </summary>
public static class UploadEndpoints
{
    public const string OffsetHeader = "Upload-Offset";
    public const string LengthHeader = "Upload-Length";

    public sealed record UploadBody(string? Name, long? Size, string? Sha256);

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/uploads").WithTags("uploads");

        group.MapPost("/", async (HttpRequest http, HttpResponse response, UploadArea uploads, CancellationToken ct) =>
        {
            var body = await http.ReadFromJsonAsync<UploadBody>(ct) ?? throw new ApiInputException("the body must be a JSON object");
            var state = await uploads.CreateAsync(body.Name, body.Size ?? 0, body.Sha256, ct);
            Headers(response, state);
            return Results.Created($"/uploads/{state.Id}", state);
        })
            .WithName("StartUpload")
            .RequireScope(ApiScope.Write)
            .WithSummary("Start (or find again) an upload of a file: its name, size and SHA-256.")
            .Produces<UploadState>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapMethods("/{id}", ["HEAD"], async (string id, HttpResponse response, UploadArea uploads, CancellationToken ct) =>
        {
            Headers(response, await uploads.GetAsync(id, ct));
            return Results.Ok();
        })
            .WithName("UploadOffset")
            .RequireScope(ApiScope.Write);

        group.MapGet("/{id}", async (string id, HttpResponse response, UploadArea uploads, CancellationToken ct) =>
        {
            var state = await uploads.GetAsync(id, ct);
            Headers(response, state);
            return Results.Ok(state);
        })
            .WithName("GetUpload")
            .RequireScope(ApiScope.Write)
            .Produces<UploadState>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPatch("/{id}", async (string id, HttpRequest http, HttpResponse response, UploadArea uploads, CancellationToken ct) =>
        {
            if (!long.TryParse(http.Headers[OffsetHeader].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out long offset))
            {
                throw new ApiInputException($"{OffsetHeader} must name the part's first byte, a whole number from 0");
            }
            if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = UploadArea.MaxPartBytes;
            }
            var state = await uploads.AppendAsync(id, offset, http.Body, ct);
            Headers(response, state);
            return Results.Ok(state);
        })
            .WithName("AppendUpload")
            .RequireScope(ApiScope.Write)
            .WithSummary("Add a part at Upload-Offset (at most 64 MiB); the last part checks the SHA-256 (a mismatch discards the upload).")
            .Produces<UploadState>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapDelete("/{id}", async (string id, UploadArea uploads, CancellationToken ct) =>
        {
            await uploads.DeleteAsync(id, ct);
            return Results.NoContent();
        })
            .WithName("DeleteUpload")
            .RequireScope(ApiScope.Write)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static void Headers(HttpResponse response, UploadState state)
    {
        response.Headers[OffsetHeader] = state.Offset.ToString(CultureInfo.InvariantCulture);
        response.Headers[LengthHeader] = state.Size.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
    }
}
