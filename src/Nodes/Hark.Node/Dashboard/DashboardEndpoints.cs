using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hark.Node.Dashboard;

/// <summary>
/// Serves the web pages (the cluster dashboard at /, the recording list at /browse and a recording at /browse/{id}, the
/// ADTS inspector at /tools/adts), their scripts and styles,
/// and the chart library, from the assembly's embedded resources. They hold no archive data, so they load without a
/// key; the scripts ask for one and send it with their calls of the API.
/// </summary>
public static class DashboardEndpoints
{
    private const string HtmlType = "text/html; charset=utf-8";
    private const string Script = "text/javascript; charset=utf-8";
    private const string Style = "text/css; charset=utf-8";

    /// <summary>Served in place of the chart library when the build had none: the pages see no uPlot and say so.</summary>
    private const string NoChartLibrary = "// uPlot was not installed when this node was built (scripts/setup.sh tests installs it): no charts.\n";

    public static void Map(IEndpointRouteBuilder app)
    {
        Html(app, "/", "index.html");
        Html(app, "/tools/adts", "adts.html");
        Html(app, "/browse", "browse.html");
        Html(app, "/browse/{id}", "recording.html");
        foreach (var script in new[] { "hark.js", "dashboard.js", "adts.js", "browse.js", "recording.js" })
        {
            Page(app, $"/{script}", script, Script);
        }
        Page(app, "/dashboard.css", "dashboard.css", Style);
        app.MapGet("/vendor/uplot.js", () => Vendor("uplot.js", Script, NoChartLibrary)).ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/vendor/uplot.css", () => Vendor("uplot.css", Style, "")).ExcludeFromDescription().AllowAnonymous();
    }

    /// <summary>A page in the layout, composed once: the resources do not change while the node runs.</summary>
    private static void Html(IEndpointRouteBuilder app, string route, string name)
    {
        var page = new Lazy<string>(() => PageLayout.Compose(Text("layout.html"), Text(name)));
        app.MapGet(route, () => Results.Text(page.Value, HtmlType)).ExcludeFromDescription().AllowAnonymous();
    }

    private static string Text(string name)
    {
        using var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream($"dashboard/{name}")
            ?? throw new InvalidOperationException($"the node was built without its page {name}");
        return new StreamReader(stream).ReadToEnd();
    }

    private static void Page(IEndpointRouteBuilder app, string route, string name, string contentType) =>
        app.MapGet(route, () => Serve($"dashboard/{name}", contentType) ?? Results.NotFound()).ExcludeFromDescription().AllowAnonymous();

    private static IResult Vendor(string name, string contentType, string absent) =>
        Serve($"vendor/{name}", contentType) ?? Results.Text(absent, contentType);

    private static IResult? Serve(string resource, string contentType)
    {
        var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream(resource);
        return stream is null ? null : Results.Stream(stream, contentType);
    }
}
