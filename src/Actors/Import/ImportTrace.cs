using System.Diagnostics;
using Hark.Actors.Telemetry;

namespace Hark.Actors.Import;

/// <summary>The span and counters of one import, so the entity's states say only what happened.</summary>
internal sealed class ImportTrace
{
    private Activity? _span;

    public string? TraceParent => HarkTelemetry.TraceParentOf(_span);

    /// <summary>A new import asked for by a caller, continuing the caller's trace.</summary>
    public void Started(string id, string? traceParent)
    {
        End(ActivityStatusCode.Unset, "superseded");
        _span = Detached(() => HarkTelemetry.StartFrom(HarkTelemetry.ImportSpan, traceParent));
        _span?.SetTag("hark.recording", id);
        HarkTelemetry.ImportCounter.Add(1, new KeyValuePair<string, object?>("outcome", "started"));
    }

    /// <summary>An import carried on from the archive (entity restarted or moved): a new root span.</summary>
    public void Resumed(string id)
    {
        if (_span is not null)
        {
            return;
        }
        _span = Detached(() => HarkTelemetry.Source.StartActivity(HarkTelemetry.ImportSpan, ActivityKind.Internal));
        _span?.SetTag("hark.recording", id);
        _span?.SetTag("hark.resumed", true);
    }

    public void Planned(int chunkCount) => _span?.SetTag("hark.chunks", chunkCount);

    public void ChunkEncoded(int chunk, string node) => _span?.AddEvent(new ActivityEvent("chunk encoded", tags: new ActivityTagsCollection
    {
        ["hark.chunk"] = chunk,
        ["hark.node"] = node,
    }));

    public void Completed(long bytesEncoded)
    {
        HarkTelemetry.ImportCounter.Add(1, new KeyValuePair<string, object?>("outcome", "complete"));
        HarkTelemetry.StoredBytes.Add(bytesEncoded);
        End(ActivityStatusCode.Ok, null);
    }

    public void Failed(string reason)
    {
        HarkTelemetry.ImportCounter.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
        End(ActivityStatusCode.Error, reason);
    }

    /// <summary>This request was refused; the recording stays as it was (e.g. it exists and replace was not asked).</summary>
    public void Refused(string reason) => End(ActivityStatusCode.Error, reason);

    public void End(ActivityStatusCode status, string? description)
    {
        if (_span is null)
        {
            return;
        }
        _span.SetStatus(status, description);
        _span.Stop();
        _span = null;
    }

    /// <summary>The import's span lives as long as the import, not as the message handler that started it.</summary>
    private static Activity? Detached(Func<Activity?> start)
    {
        var previous = Activity.Current;
        var span = start();
        Activity.Current = previous;
        return span;
    }
}
