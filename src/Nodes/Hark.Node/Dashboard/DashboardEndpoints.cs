using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hark.Node.Dashboard;

/// <summary>
/// Serves the dashboard's static page and script from the assembly's embedded resources. They hold no archive data,
/// so they load without a key; the script asks for one and sends it with its calls of the API.
/// </summary>
public static class DashboardEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Serve("index.html", "text/html; charset=utf-8")).ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/dashboard.js", () => Serve("dashboard.js", "text/javascript; charset=utf-8")).ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/dashboard.css", () => Serve("dashboard.css", "text/css; charset=utf-8")).ExcludeFromDescription().AllowAnonymous();
    }

    private static IResult Serve(string name, string contentType)
    {
        var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream($"dashboard/{name}");
        return stream is null ? Results.NotFound() : Results.Stream(stream, contentType);
    }
}
