using System.Globalization;
using Hark.Actors.Contracts;
using Hark.Actors.Services;
using Hark.Messages;
using Hark.Node.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hark.Node.Api;

/// <summary>
/// The cluster as the answering node sees it: members (GET /cluster), every member's recent numbers (GET
/// /cluster/metrics) and the archive's totals (GET /cluster/archive). The dashboard reads these; so can scripts.
/// </summary>
public static class ClusterEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/cluster").WithTags("cluster");

        group.MapGet("/", async (ClusterOverview cluster, CancellationToken ct) =>
            Results.Ok(new ClusterAnswer(cluster.SelfAddress, await cluster.MembersAsync(ct))))
            .WithName("GetCluster")
            .RequireScope(ApiScope.Read)
            .WithSummary("Members (address, roles, status, version, uptime, importer workers) and the node answering.")
            .Produces<ClusterAnswer>();

        group.MapGet("/metrics", async (string? since, ClusterOverview cluster, CancellationToken ct) =>
            Results.Ok(new ClusterMetricsAnswer(cluster.SelfAddress, await cluster.MetricsAsync(Since(since), ct))))
            .WithName("GetClusterMetrics")
            .RequireScope(ApiScope.Read)
            .WithSummary("Every member's samples (2 s each, kept an hour) after `since` (Unix milliseconds; none: the whole hour, thinned to 450 a node).")
            .Produces<ClusterMetricsAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/archive", async (IRecordingService service, CancellationToken ct) =>
            Results.Ok(ArchiveTotals.Of(await service.ListAsync(ct))))
            .WithName("GetArchiveTotals")
            .RequireScope(ApiScope.Read)
            .WithSummary("Recordings and hours of audio in the archive, by codec and by state.")
            .Produces<ArchiveTotals>();
    }

    private static long Since(string? since)
    {
        if (since is null)
        {
            return 0;
        }
        return long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new ApiInputException($"since must be Unix milliseconds (a whole number ≥ 0), not '{PrintableText.Of(since)}'");
    }

    public sealed record ClusterAnswer(string Node, IReadOnlyList<ClusterMember> Members);

    public sealed record ClusterMetricsAnswer(string Node, IReadOnlyList<NodeMetricsReport> Nodes);
}
