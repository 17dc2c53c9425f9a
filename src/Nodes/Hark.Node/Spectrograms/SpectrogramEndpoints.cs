using Hark.Actors.Contracts;
using Hark.Node.Api;
using Hark.Node.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Hark.Node.Spectrograms;

/// <summary>GET /recordings/{id}/spectrogram.png: a tile of the recording's mel spectrogram, rendered here and cached.</summary>
public static class SpectrogramEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/recordings/{id}/spectrogram.png", async (string id, string? start, string? duration, string? width, string? height,
            HttpContext http, IRecordingService service, SpectrogramTiles tiles, CancellationToken ct) =>
        {
            var query = SpectrogramTileQuery.Parse(start, duration, width, height);
            var recording = await service.GetRecordingAsync(id, ct);
            var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes(query.Key(recording))))[..32]}\"");
            // The recording's id, creation and length are in the tag: a replaced recording is a new tag.
            http.Response.Headers.ETag = etag.ToString();
            http.Response.Headers.CacheControl = "private, max-age=86400";
            if (http.Request.Headers.IfNoneMatch.ToString() == etag.ToString())
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            var (png, cached) = await tiles.GetAsync(recording, query, ct);
            http.Response.Headers["X-Hark-Tile-Cache"] = cached ? "hit" : "miss";
            return Results.Bytes(png, "image/png");
        })
            .WithName("GetSpectrogramTile")
            .WithTags("recordings")
            .RequireScope(ApiScope.Read)
            .WithSummary("A mel spectrogram of [start, start + duration) seconds (default: to the end) as a width x height PNG " +
                "(16-2048 x 16-512; one colour scale for all tiles); long ranges are sampled, so any tile costs about the same. ETag, cached.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Limited();
    }
}
