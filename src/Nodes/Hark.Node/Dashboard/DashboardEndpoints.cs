using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hark.Node.Dashboard;

/// <summary>Serves the dashboard's static page and script from the assembly's embedded resources.</summary>
public static class DashboardEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Serve("index.html", "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/dashboard.js", () => Serve("dashboard.js", "text/javascript; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/dashboard.css", () => Serve("dashboard.css", "text/css; charset=utf-8")).ExcludeFromDescription();
    }

    private static IResult Serve(string name, string contentType)
    {
        var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream($"dashboard/{name}");
        return stream is null ? Results.NotFound() : Results.Stream(stream, contentType);
    }
}
