using System.Diagnostics;
using Hark.Actors.Contracts;
using Hark.Engine.Segments;
using Hark.Node.Telemetry;
using Hark.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hark.Node.Api;

/// <summary>The recording routes: import, list, status + metadata, segment, delete. Errors are problem+json.</summary>
public static class RecordingEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/recordings").WithTags("recordings");

        group.MapPost("/", async (HttpRequest http, IRecordingService service, CancellationToken ct) =>
        {
            var body = await http.ReadFromJsonAsync<ImportBody>(ct) ?? throw new ApiInputException("the body must be a JSON object");
            var status = await service.StartImportAsync(body.ToRequest(), ct);
            return Results.Accepted($"/recordings/{Uri.EscapeDataString(status.Id)}", RecordingView.From(status, null));
        })
            .WithName("StartImport")
            .WithSummary("Import a file the node can reach; answers at once with the import's status.")
            .Accepts<ImportBody>("application/json")
            .Produces<RecordingView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", async (IRecordingService service, CancellationToken ct) =>
        {
            var rows = new List<RecordingSummary>();
            foreach (var metadata in await service.ListAsync(ct))
            {
                // Only unfinished imports have progress worth a second question.
                var status = metadata.State == RecordingPhase.Complete ? null : await service.GetStatusAsync(metadata.Id, ct);
                rows.Add(RecordingSummary.From(metadata, status));
            }
            return Results.Ok(rows);
        })
            .WithName("ListRecordings")
            .Produces<List<RecordingSummary>>();

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
            .WithSummary("Status (importing n/m chunks, complete, failed) and, once complete, the metadata.")
            .Produces<RecordingView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/segment", WriteSegmentAsync)
            .WithName("GetSegment")
            .WithSummary("Samples [start, start + count) of every channel, interleaved: wav, f32 or s16.")
            .Produces(StatusCodes.Status200OK, contentType: "audio/wav", additionalContentTypes: ["application/octet-stream"])
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);

        group.MapDelete("/{id}", async (string id, IRecordingService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(id, ct);
            return Results.NoContent();
        })
            .WithName("DeleteRecording")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task WriteSegmentAsync(
        string id, string? start, string? count, string? format, HttpContext http, IRecordingService service, CancellationToken ct)
    {
        long first = SegmentQuery.Sample(start, "start");
        long samples = SegmentQuery.Sample(count, "count");
        var segmentFormat = SegmentQuery.Format(format);
        if (samples <= 0)
        {
            throw new ApiInputException("\"count\" must be at least 1");
        }
        var watch = Stopwatch.StartNew();
        var metadata = await service.GetRecordingAsync(id, ct);
        // Checked here, before the first byte, so a bad range is a 416 and not a cut-off stream.
        if (first + samples > metadata.TotalSamples)
        {
            throw new SegmentRangeException(
                $"samples {first}..{first + samples - 1} run past the end of '{id}' ({metadata.TotalSamples} samples)");
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
}
