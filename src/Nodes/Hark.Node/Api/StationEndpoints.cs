using System.Globalization;
using Hark.Actors.Contracts;
using Hark.Engine.Stations;
using Hark.Node.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hark.Node.Api;

/// <summary>
/// GET /segments?station=&amp;at=ISO&amp;duration=S: every recording of the station covering that moment, as JSON
/// with one segment URL per recording. Each URL is answered by the recording's own reader node, so a client that
/// fetches them together reads them in parallel across the cluster (what <c>hark segment --station</c> does).
/// </summary>
public static class StationEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/segments", async (string? station, string? at, string? duration, string? format, IRecordingService service, NodeOptions options, CancellationToken ct) =>
        {
            if (string.IsNullOrEmpty(station) || !StationName.IsValid(station))
            {
                throw new ApiInputException($"query parameter \"station\" is required and {StationName.Rule}");
            }
            var instant = StationQueries.Instant(at, "at") ?? throw new ApiInputException("query parameter \"at\" is required (an ISO-8601 time)");
            if (!double.TryParse(duration, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !(seconds > 0) || seconds > options.MaxSegmentSeconds)
            {
                // The URLs answered must each be a segment the node serves.
                throw new ApiInputException($"query parameter \"duration\" must be seconds, more than 0 and at most {options.MaxSegmentSeconds}");
            }
            var segmentFormat = SegmentQuery.Format(format);
            var parts = StationMoment.At(station, instant, TimeSpan.FromSeconds(seconds), await service.ListAsync(ct));
            return Results.Ok(new StationSegments(station, instant, seconds, [.. parts.Select(p => StationSegment.From(p, segmentFormat))]));
        })
            .WithName("StationSegments")
            .WithTags("stations")
            .RequireScope(ApiScope.Read)
            .Produces<StationSegments>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet("/stations/{station}/export.{format}", ExportAsync)
            .WithName("StationExport")
            .WithTags("stations")
            .RequireScope(ApiScope.Read)
            .Produces(StatusCodes.Status200OK, contentType: "audio/wav", additionalContentTypes: ["audio/mp4"])
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// GET /stations/{station}/export.wav|m4a?from=ISO&amp;to=ISO: what <c>hark export --station</c> writes, gaps
    /// listed in the <c>X-Hark-Gaps</c> header (start and seconds of each, as in the m4a's udta).
    /// </summary>
    private static async Task ExportAsync(string station, string format, string? from, string? to, HttpContext http, IRecordingService service,
        CancellationToken ct)
    {
        if (!StationName.IsValid(station))
        {
            throw new ApiInputException($"the station {StationName.Rule}");
        }
        var exportFormat = ExportFormats.TryParse(format, out var named) && named is ExportFormat.Wav or ExportFormat.M4a
            ? named.Value
            : throw new ApiInputException($"a station exports as wav or m4a, not \"{PrintableText.Of(format)}\"");
        var start = StationQueries.Instant(from, "from") ?? throw new ApiInputException("query parameter \"from\" is required (an ISO-8601 time)");
        var end = StationQueries.Instant(to, "to") ?? throw new ApiInputException("query parameter \"to\" is required (an ISO-8601 time)");
        if (end <= start)
        {
            throw new ApiInputException("query parameter \"to\" must be after \"from\"");
        }
        StationTimeline timeline;
        try
        {
            timeline = StationTimeline.Build(station, start, end, await service.ListAsync(ct));
        }
        catch (ArgumentException e)
        {
            throw new ExportNotPossibleException(e.Message);
        }
        http.Response.ContentType = exportFormat.ContentType();
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{Uri.EscapeDataString(station)}.{exportFormat.FileExtension()}\"";
        http.Response.Headers["X-Hark-Gaps"] = timeline.GapList;
        await StationExport.WriteAsync(service, timeline, exportFormat, http.Response.Body, Path.GetTempPath(), ct);
    }
}

/// <summary>The answer of GET /segments.</summary>
public sealed record StationSegments(string Station, DateTimeOffset At, double DurationSeconds, IReadOnlyList<StationSegment> Recordings);

/// <summary>One recording covering the moment: where in it the moment falls, and the URL of its segment.</summary>
public sealed record StationSegment(string Id, DateTimeOffset? StartTime, long StartSample, long Count, int SampleRate, int Channels, string Url)
{
    public static StationSegment From(StationMoment.Part part, SegmentFormat format)
    {
        var m = part.Recording;
        return new StationSegment(m.Id, m.StartTime, part.StartSample, part.Count, m.SampleRate, m.Channels,
            string.Create(CultureInfo.InvariantCulture, $"/recordings/{Uri.EscapeDataString(m.Id)}/segment?start={part.StartSample}&count={part.Count}&format={format.Name()}"));
    }
}
