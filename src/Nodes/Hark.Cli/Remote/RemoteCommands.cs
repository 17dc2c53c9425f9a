using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hark.Actors.Contracts;
using Hark.Cli.Commands;
using Hark.Cli.Embedded;
using Hark.Engine.Import;
using Hark.Node;

namespace Hark.Cli.Remote;

/// <summary>The bodies of import, ls and info when they work through a node (--node).</summary>
internal static class RemoteCommands
{
    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    /// <summary>Starts the import on the node and follows its status until it completes or fails.</summary>
    public static async Task<int> ImportAsync(NodeClient node, ImportRequest request, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var view = await node.StartImportAsync(request, ct);
        Console.Error.WriteLine($"{view.Id}: import started on {node.Node}");
        await ImportProgressView.RunAsync(view.Id, async progress =>
        {
            await ClusterImport.FollowAsync(view.ToStatus(), clock, async token =>
            {
                view = await node.GetStatusAsync(view.Id, token);
                return view.ToStatus();
            }, progress, ct);
            return view.Metadata;
        });
        if (view.Phase != RecordingPhase.Complete || view.Metadata is not { } m)
        {
            throw new NodeRequestException($"import of {view.Id} did not complete: {view.Status}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{m.Id}: {Formatting.Duration(m.DurationSeconds)} ({m.TotalSamples} samples, {m.SampleRate} Hz, {m.Channels} ch), {m.Codec.Name()}, on {node.Node}"));
        return ExitCodes.Ok;
    }

    public static async Task<int> ListAsync(NodeClient node, bool json, CancellationToken ct)
    {
        var rows = await node.ListAsync(ct);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(rows, Json));
            return ExitCodes.Ok;
        }
        foreach (var r in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Id,-32} {r.State.Name(),-10} {r.Codec.Name(),-4} {r.SampleRate,6} Hz {r.Channels} ch {Formatting.Duration(r.DurationSeconds),14}"));
        }
        return ExitCodes.Ok;
    }

    public static async Task<int> InfoAsync(NodeClient node, string id, bool json, CancellationToken ct)
    {
        var metadata = await node.GetRecordingAsync(id, ct);
        var fields = JsonSerializer.SerializeToElement(metadata, Json);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(fields, Json));
            return ExitCodes.Ok;
        }
        foreach (var field in fields.EnumerateObject().OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var value = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() : field.Value.GetRawText();
            Console.WriteLine($"{field.Name,-22} {value}");
        }
        return ExitCodes.Ok;
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions { WriteIndented = true };
        NodeHost.ConfigureJson(options);
        return options;
    }
}
