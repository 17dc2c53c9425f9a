using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hark.Node.Tests.Fixtures;

/// <summary>
/// Stands where an OpenTelemetry collector would: accepts OTLP over HTTP (protobuf) on a loopback port and keeps
/// every body it receives, by signal (traces, metrics, logs).
/// </summary>
public sealed class OtlpRecorder : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpRecorder(WebApplication app) => _app = app;

    public ConcurrentDictionary<string, ConcurrentBag<byte[]>> Received { get; } = new();

    public Uri Endpoint => NodeHost.BoundAddress(_app);

    public static async Task<OtlpRecorder> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var recorder = new OtlpRecorder(app);
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            recorder.Received.GetOrAdd(signal, _ => []).Add(body.ToArray());
            return Results.Ok();
        });
        await app.StartAsync();
        return recorder;
    }

    public bool Contains(string signal, string text) =>
        Received.TryGetValue(signal, out var bodies) &&
        bodies.Any(b => System.Text.Encoding.UTF8.GetString(b).Contains(text, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
