using System.Globalization;
using Hark.Engine.Archival;
using Hark.Actors.Contracts;
using Hark.Node.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hark.Node.Api;

/// <summary>
/// GET /recordings/{id}/preview.png: the mel spectrogram preview of a recording, of one of its archive chunks, or of
/// any stretch of samples, drawn as <c>hark archive tiff</c> draws each TIFF's first page. The image is computed
/// whole before the first byte, so every refusal is still problem+json.
/// </summary>
public static class PreviewEndpoints
{
    public const int MaxWidth = 4096;
    public const int MaxHeight = 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGroup("/recordings").WithTags("recordings")
            .MapGet("/{id}/preview.png", PreviewAsync)
            .WithName("GetPreview")
            .RequireScope(ApiScope.Read)
            .WithSummary("A mel spectrogram PNG (magma, low frequencies at the bottom) of the recording, of chunk N of an archive " +
                "cut into chunk_hours (default 6), or of samples [start, start + count); width x height pixels (default 2048 x 256).")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Limited();
    }

    private static async Task PreviewAsync(
        string id, string? chunk, [FromQuery(Name = "chunk_hours")] string? chunkHours, string? start, string? count,
        string? width, string? height, [FromQuery(Name = "max_hz")] string? maxHz,
        HttpContext http, IRecordingService service, CancellationToken ct)
    {
        int columns = Whole(width, "width", ChunkPreview.DefaultWidth, 1, MaxWidth);
        int bands = Whole(height, "height", ChunkPreview.DefaultHeight, 1, MaxHeight);
        double? top = maxHz is null ? null : Positive(maxHz, "max_hz");
        var source = await RecordingArchiveSource.OpenAsync(service, id, ct);
        var (first, frames) = Range(source, chunk, chunkHours, start, count);
        var image = await ChunkPreview.DrawAsync(source, first, frames, columns, bands, top, ct);
        var png = new MemoryStream();
        image.WritePng(png);
        http.Response.ContentType = "image/png";
        http.Response.ContentLength = png.Length;
        http.Response.Headers.ContentDisposition = $"inline; filename=\"{id}-{first}-{frames}.png\"";
        png.Position = 0;
        await png.CopyToAsync(http.Response.Body, ct);
    }

    private static (long Start, long Count) Range(ArchiveSource source, string? chunk, string? chunkHours, string? start, string? count)
    {
        long total = source.TotalFrames;
        if (chunk is not null)
        {
            if (start is not null || count is not null)
            {
                throw new ApiInputException("give chunk (with chunk_hours) or start and count, not both");
            }
            int index = Whole(chunk, "chunk", 0, 0, int.MaxValue);
            double hours = chunkHours is null ? TiffArchiveOptions.DefaultChunkHours : Positive(chunkHours, "chunk_hours");
            var plans = ChunkPlan.For(source, hours * 3600);
            return index < plans.Count
                ? (plans[index].StartSample, plans[index].SampleCount)
                : throw new ApiInputException($"chunk {index} is past the end: the recording has {plans.Count} chunk(s) of {hours.ToString(CultureInfo.InvariantCulture)} h");
        }
        long first = SegmentQuery.OptionalSample(start, "start") ?? 0;
        long frames = SegmentQuery.OptionalSample(count, "count") ?? total - first;
        if (first < 0 || frames < 1 || first + frames > total)
        {
            throw new ApiInputException($"samples [{first}, {first + frames}) are not inside the recording's [0, {total})");
        }
        return (first, frames);
    }

    private static int Whole(string? text, string name, int fallback, int min, int max)
    {
        if (text is null)
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw new ApiInputException($"query parameter \"{name}\" must be a whole number from {min} to {max}, not \"{text}\"");
    }

    private static double Positive(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && double.IsFinite(value)
            ? value
            : throw new ApiInputException($"query parameter \"{name}\" must be a positive number, not \"{text}\"");
}
