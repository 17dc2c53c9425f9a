using Hark.Actors.Contracts;
using System.Diagnostics;
using Hark.Engine.Segments;
using Hark.Node.Security;
using Hark.Node.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Hark.Node.Api;

/// <summary>
/// The routes that answer with audio: a segment (samples, sample-exact) and an export (ADTS, WAV or M4A). Every refusal is
/// decided before the first byte, so it is still a problem+json answer and not a cut-off stream.
/// </summary>
public static class AudioEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/recordings").WithTags("recordings");

        group.MapGet("/{id}/segment", WriteSegmentAsync)
            .WithName("GetSegment")
            .RequireScope(ApiScope.Read)
            .WithSummary("Samples [start, start + count) of every channel, interleaved: wav, f32 or s16.")
            .Produces(StatusCodes.Status200OK, contentType: "audio/wav", additionalContentTypes: ["application/octet-stream"])
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status416RangeNotSatisfiable)
            .Limited();

        // HEAD too: a browser asks for an m4a's length and ETag before its ranges. An adts or wav export has no length
        // before it is written, so its HEAD does a GET's work and drops the body.
        group.MapMethods("/{id}/export.{format}", [HttpMethods.Get, HttpMethods.Head], ExportAsync)
            .WithName("ExportRecording")
            .RequireScope(ApiScope.Read)
            .WithSummary("The recording, or samples [from, to) of it, as adts or m4a (the stored AAC frames, no re-encoding) or wav; " +
                "m4a answers byte Range requests (206) with an ETag honoured in If-Range.")
            .Produces(StatusCodes.Status200OK, contentType: "audio/aac", additionalContentTypes: ["audio/wav", "audio/mp4"])
            .Produces(StatusCodes.Status206PartialContent, contentType: "audio/mp4")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status416RangeNotSatisfiable)
            .Limited();
    }

    private static async Task WriteSegmentAsync(
        string id, string? start, string? count, string? format, HttpContext http, IRecordingService service, NodeOptions options,
        CancellationToken ct)
    {
        long first = SegmentQuery.Sample(start, "start");
        long samples = SegmentQuery.Sample(count, "count");
        var segmentFormat = SegmentQuery.Format(format);
        var watch = Stopwatch.StartNew();
        var metadata = await service.GetForReadingAsync(id, ct);
        // The engine's own check, here before the first byte, so a bad range is a 400 or 416 and not a cut-off stream.
        SegmentRange.Check(metadata, first, samples);
        if (samples > (long)options.MaxSegmentSeconds * metadata.SampleRate)
        {
            throw new ApiInputException(
                $"a segment request may hold at most {options.MaxSegmentSeconds} s of audio ({(long)options.MaxSegmentSeconds * metadata.SampleRate} samples); " +
                "use GET /recordings/{id}/export.wav for longer stretches");
        }
        long length = SegmentResponse.ByteLength(metadata, segmentFormat, samples);
        http.Response.ContentType = SegmentResponse.ContentType(segmentFormat);
        http.Response.ContentLength = length;
        if (segmentFormat == SegmentFormat.Wav)
        {
            http.Response.Headers.ContentDisposition = $"inline; filename=\"{id}-{first}-{samples}.wav\"";
        }
        await service.WriteSegmentAsync(id, first, samples, segmentFormat, http.Response.Body, ct);
        NodeMetrics.SegmentServed(watch.Elapsed, length, segmentFormat);
    }

    private static async Task ExportAsync(
        string id, string format, string? from, string? to, HttpContext http, IRecordingService service, CancellationToken ct)
    {
        var exportFormat = ExportFormats.TryParse(format, out var parsed)
            ? parsed.Value
            : throw new ApiInputException($"export format must be one of {ExportFormats.NameList}, not \"{format}\"");
        long? first = SegmentQuery.OptionalSample(from, "from");
        long? end = SegmentQuery.OptionalSample(to, "to");
        // The headers go out with the first byte; a refusal before it (range, codec) clears them for the problem.
        http.Response.ContentType = exportFormat.ContentType();
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{id}.{exportFormat.FileExtension()}\"";
        if (exportFormat == ExportFormat.M4a)
        {
            await RangedExportResponse.WriteAsync(http, await service.OpenM4aExportAsync(id, first, end, ct), ct);
            return;
        }
        await service.ExportAsync(id, exportFormat, first, end, http.Response.Body, ct);
    }
}
